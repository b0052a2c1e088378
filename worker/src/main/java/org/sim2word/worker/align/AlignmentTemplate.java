package org.sim2word.worker.align;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the five landmarks ({@link FivePoints}) go in an aligned face, in pixel-index coordinates of a square of
 * {@link #size()} pixels. A template may hold several poses; the aligner keeps the one that fits best.
 */
public enum AlignmentTemplate {
    /**
     * The original code's VGGFace2 224×224 crops (method §2.1, {@code utils.py::FaceAlignment}, mode "vggface"):
     * insightface's five 112×112 pose templates (left profile, left, frontal, right, right profile) scaled ×2; the
     * pose with the smallest summed landmark error wins; warped with reflect-101 borders as the original.
     */
    VGGFACE_224(224, Border.REFLECT_101, scaled(2.0,
            new double[][] {{51.642, 50.115}, {57.617, 49.990}, {35.740, 69.007}, {51.157, 89.050}, {57.025, 89.702}},
            new double[][] {{45.031, 50.118}, {65.568, 50.872}, {39.677, 68.111}, {45.177, 86.190}, {64.246, 86.758}},
            new double[][] {{39.730, 51.138}, {72.270, 51.138}, {56.000, 68.493}, {42.463, 87.010}, {69.537, 87.010}},
            new double[][] {{46.845, 50.872}, {67.382, 50.118}, {72.737, 68.111}, {48.167, 86.758}, {67.236, 86.190}},
            new double[][] {{54.796, 49.990}, {60.771, 50.115}, {76.673, 69.007}, {55.388, 89.702}, {61.257, 89.050}})),

    /** ArcFace's 112×112 template (method §2.1, mode "arcface"); black borders as insightface's norm_crop. */
    ARCFACE_112(112, Border.ZERO, scaled(1.0,
            new double[][] {{38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655},
                    {70.7299, 92.2041}})),

    /**
     * dlib's 150×150 face chip, {@code get_face_chip_details(det, 150, 0.25)}: the verification net's input (the
     * johns photos are such chips). dlib fits its chip to a 68-point detection with the mean face shape it ships
     * ({@code mean_face_shape_x/y} in dlib/image_transforms/interpolation.h), a point at mean position m going to
     * (padding + m) / (1 + 2·padding) · size. Our five points are derived from the same mean shape and the same
     * formula: eye centres as the means of iBUG points 36–41 and 42–47, the nose tip point 30, the mouth corners
     * 48 and 54 (see {@link #dlibMeanFace()}). Black borders, as dlib's extract_image_chip.
     */
    DLIB_150(150, Border.ZERO, List.of(dlibChipPoints(150, 0.25)));

    private final int size;
    private final Border border;
    private final List<List<Point>> poses;

    AlignmentTemplate(int size, Border border, List<List<Point>> poses) {
        this.size = size;
        this.border = border;
        this.poses = poses;
    }

    public int size() {
        return size;
    }

    /** The border mode the original pipeline of this template warps with. */
    public Border border() {
        return border;
    }

    /** The template's poses, each five points in {@link FivePoints} order. */
    public List<List<Point>> poses() {
        return poses;
    }

    /**
     * dlib's mean face shape (the unit-square positions of its {@code get_face_chip_details}) at the iBUG points
     * our five landmarks correspond to, in {@link FivePoints} order: mean of 36–41, mean of 42–47, 30, 48, 54.
     */
    static List<Point> dlibMeanFace() {
        // iBUG 68-point indices 36..41 and 42..47 (the eye contours), 30, 48, 54 of dlib's mean_face_shape_x/y
        double[][] rightEye = {{0.121737, 0.216423}, {0.187122, 0.178758}, {0.265825, 0.179852},
                {0.334606, 0.231733}, {0.260918, 0.245099}, {0.182743, 0.244077}};
        double[][] leftEye = {{0.645647, 0.231733}, {0.714428, 0.179852}, {0.793132, 0.178758},
                {0.858516, 0.216423}, {0.79751, 0.244077}, {0.719335, 0.245099}};
        return List.of(mean(rightEye), mean(leftEye), new Point(0.490127, 0.515625), new Point(0.254149, 0.780233),
                new Point(0.726104, 0.780233));
    }

    private static List<Point> dlibChipPoints(int size, double padding) {
        List<Point> out = new ArrayList<>();
        for (Point m : dlibMeanFace()) {
            out.add(new Point((padding + m.x()) / (1 + 2 * padding) * size,
                    (padding + m.y()) / (1 + 2 * padding) * size));
        }
        return List.copyOf(out);
    }

    private static Point mean(double[][] pts) {
        double x = 0;
        double y = 0;
        for (double[] p : pts) {
            x += p[0];
            y += p[1];
        }
        return new Point(x / pts.length, y / pts.length);
    }

    private static List<List<Point>> scaled(double factor, double[][]... poses) {
        List<List<Point>> out = new ArrayList<>();
        for (double[][] pose : poses) {
            List<Point> pts = new ArrayList<>();
            for (double[] p : pose) {
                pts.add(new Point(p[0] * factor, p[1] * factor));
            }
            out.add(List.copyOf(pts));
        }
        return List.copyOf(out);
    }
}
