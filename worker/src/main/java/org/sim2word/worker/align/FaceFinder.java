package org.sim2word.worker.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.image.UnusableImageException;
import org.sim2word.worker.model.ModelDescriptor;
import org.sim2word.worker.model.ModelInput;
import org.sim2word.worker.model.ModelRegistry;
import org.sim2word.worker.model.TorchModel;

/**
 * Finds every face of a photo: BlazeFace on the whole photo, non-maximum suppression, then FaceMesh twice on each
 * face, first on an upright crop around the detector's box, then on a crop recomputed from the first mesh (as
 * MediaPipe tracks a face), for 468 precise landmarks and the five alignment points. Faces come largest first.
 *
 * <p>The detector sees the photo with a black margin of {@link #MARGIN} of its longer side on every side, padded to
 * a square and resized to 256×256: without the margin a face that fills the photo (an aligned chip) yields several
 * overlapping boxes that survive suppression; with it, each of the 55 johns chips gives exactly one face and the
 * group photos lose none.
 */
public final class FaceFinder {
    public static final String DETECTOR = "blazeface";
    public static final String LANDMARKS = "facemesh";
    /** Detections with a lower face probability are dropped (BlazeFace's sigmoid score). */
    public static final double MIN_SCORE = 0.5;
    /** Of two boxes overlapping by more than this intersection-over-union, the lower-scoring one is dropped. */
    public static final double NMS_IOU = 0.3;
    /** A box lying mostly (by this fraction of its own area) inside a better one is dropped too. */
    public static final double NMS_CONTAINED = 0.7;
    /** Black border added around the photo before detection, as a fraction of its longer side. */
    public static final double MARGIN = 0.1;
    /** FaceMesh's crop side as a multiple of the face's extent (MediaPipe's 1.5). */
    public static final double CROP_SCALE = 1.5;
    /** Faces whose refined mesh is less sure than this that it holds a face are dropped. */
    public static final double MIN_MESH_CONFIDENCE = 0.5;
    /** Below this (the detector box's longer side, in photo pixels) a face is too small to align and explain. */
    public static final int MIN_FACE_SIZE = 32;

    private final TorchModel detector;
    private final TorchModel landmarks;
    private final int scoresOutput;
    private final int boxesOutput;
    private final int keypointsOutput;
    private final int landmarksOutput;
    private final int confidenceOutput;

    public FaceFinder(TorchModel detector, TorchModel landmarks) {
        this.detector = detector;
        this.landmarks = landmarks;
        ModelDescriptor d = detector.descriptor();
        this.scoresOutput = d.outputIndex("scores");
        this.boxesOutput = d.outputIndex("boxes");
        this.keypointsOutput = d.outputIndex("keypoints");
        ModelDescriptor m = landmarks.descriptor();
        this.landmarksOutput = m.outputIndex("landmarks");
        this.confidenceOutput = m.outputIndex("confidence");
        if (m.output("landmarks").shape().get(0) != FaceMeshTopology.COUNT) {
            throw new IllegalArgumentException("model " + m.name() + " gives " + m.output("landmarks").shape()
                    + " landmarks; the face finder reads MediaPipe's " + FaceMeshTopology.COUNT + "-point mesh");
        }
    }

    /** The landmark model, which the landmark attributes come from. */
    public ModelDescriptor landmarkModel() {
        return landmarks.descriptor();
    }

    /** The finder on the installed {@value #DETECTOR} and {@value #LANDMARKS} models. */
    public static FaceFinder of(ModelRegistry registry) {
        return new FaceFinder(registry.model(DETECTOR), registry.model(LANDMARKS));
    }

    /** Every face of the photo, largest first; empty when there is none. */
    public List<DetectedFace> find(FaceImage photo) {
        Raster raster = Raster.of(photo);
        List<Detection> detections = detect(raster);
        if (detections.isEmpty()) {
            return List.of();
        }
        List<Crop> crops = new ArrayList<>();
        for (Detection d : detections) {
            // First crop: the detector's box, upright by the line through its two eye keypoints.
            double angle = Math.atan2(d.rightEye.y() - d.leftEye.y(), d.rightEye.x() - d.leftEye.x());
            crops.add(new Crop(new Point((d.x1 + d.x2) / 2, (d.y1 + d.y2) / 2),
                    Math.max(d.x2 - d.x1, d.y2 - d.y1) * CROP_SCALE, angle));
        }
        List<Mesh> first = mesh(raster, crops);
        List<Crop> refined = new ArrayList<>();
        for (Mesh m : first) {
            refined.add(cropAround(m.points));
        }
        List<Mesh> second = mesh(raster, refined);
        List<DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Mesh m = second.get(i);
            if (m.confidence < MIN_MESH_CONFIDENCE) {
                continue;
            }
            Detection d = detections.get(i);
            faces.add(new DetectedFace(d.x1, d.y1, d.x2, d.y2, d.score, m.confidence, m.points, m.depth,
                    FaceMeshTopology.fivePoints(m.points)));
        }
        faces = dropDuplicates(faces);
        faces.sort(Comparator.comparingDouble(DetectedFace::size).reversed()
                .thenComparing(Comparator.comparingDouble(DetectedFace::score).reversed()));
        return List.copyOf(faces);
    }

    /**
     * Face {@code index} (0 is the largest) of the photo, ready to align.
     *
     * @param name how the photo is called in error messages, e.g. "face a"
     * @throws UnusableImageException when the photo has no face, fewer faces than {@code index + 1}, or the face is
     *                                smaller than {@link #MIN_FACE_SIZE}
     */
    public DetectedFace face(FaceImage photo, int index, String name) {
        return select(find(photo), index, name, photo.width(), photo.height());
    }

    /** As {@link #face}, on faces already found in a {@code width}×{@code height} photo. */
    public static DetectedFace select(List<DetectedFace> faces, int index, String name, int width, int height) {
        if (faces.isEmpty()) {
            throw new UnusableImageException(name + ": no face was found in the " + width + "×" + height
                    + " photo; send a photo in which a face is clearly visible");
        }
        if (index < 0 || index >= faces.size()) {
            throw new UnusableImageException(name + ": face " + index + " was asked for, but "
                    + (faces.size() == 1 ? "only 1 face was found (number 0)" : faces.size()
                    + " faces were found (numbered 0 to " + (faces.size() - 1) + ", largest first)"));
        }
        DetectedFace face = faces.get(index);
        if (face.size() < MIN_FACE_SIZE) {
            throw new UnusableImageException(name + ": face " + index + " is " + Math.round(face.size())
                    + " pixels wide; at least " + MIN_FACE_SIZE + " pixels are needed to align and explain a face");
        }
        return face;
    }

    private List<Detection> detect(Raster photo) {
        ModelDescriptor.Input spec = detector.descriptor().input();
        int size = spec.width();
        int side = Math.max(photo.width, photo.height);
        double margin = Math.round(MARGIN * side);
        double k = (side + 2 * margin) / size;
        // Input pixel x samples the padded square at (x + 0.5)·k − 0.5, i.e. the photo at that minus the margin:
        // INTER_LINEAR's mapping, with black outside the photo.
        Similarity inputToPhoto = new Similarity(k, 0, 0.5 * k - 0.5 - margin, 0.5 * k - 0.5 - margin);
        FaceImage input = photo.warp(inputToPhoto, size, spec.height(), Border.ZERO);
        float[] scores;
        float[] boxes;
        float[] keypoints;
        try (NDManager manager = detector.newManager()) {
            NDArray x = manager.create(ModelInput.batch(List.of(input), spec), new Shape(ModelInput.shape(1, spec)));
            NDList out = detector.forward(new NDList(x));
            scores = out.get(scoresOutput).toFloatArray();
            boxes = out.get(boxesOutput).toFloatArray();
            keypoints = out.get(keypointsOutput).toFloatArray();
        }
        int anchors = scores.length;
        int perAnchor = keypoints.length / anchors;
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < anchors; i++) {
            if (scores[i] <= MIN_SCORE) {
                continue;
            }
            // The model's coordinates are continuous input pixels: photo index = c·k − margin − 0.5.
            candidates.add(new Detection(scores[i],
                    boxes[4 * i] * k - margin - 0.5, boxes[4 * i + 1] * k - margin - 0.5,
                    boxes[4 * i + 2] * k - margin - 0.5, boxes[4 * i + 3] * k - margin - 0.5,
                    new Point(keypoints[perAnchor * i] * k - margin - 0.5, keypoints[perAnchor * i + 1] * k - margin - 0.5),
                    new Point(keypoints[perAnchor * i + 2] * k - margin - 0.5,
                            keypoints[perAnchor * i + 3] * k - margin - 0.5)));
        }
        return suppress(candidates);
    }

    /** Greedy non-maximum suppression by score. */
    static List<Detection> suppress(List<Detection> candidates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean keep = true;
            for (Detection e : kept) {
                double inter = Math.max(0, Math.min(d.x2, e.x2) - Math.max(d.x1, e.x1))
                        * Math.max(0, Math.min(d.y2, e.y2) - Math.max(d.y1, e.y1));
                double union = d.area() + e.area() - inter;
                if (inter / union > NMS_IOU || inter / d.area() > NMS_CONTAINED) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** The crop MediaPipe derives from landmarks: upright by the outer eye corners, 1.5× the mesh's extent. */
    private static Crop cropAround(List<Point> mesh) {
        Point r = mesh.get(FaceMeshTopology.RIGHT_EYE_OUTER);
        Point l = mesh.get(FaceMeshTopology.LEFT_EYE_OUTER);
        double angle = Math.atan2(l.y() - r.y(), l.x() - r.x());
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double minU = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (Point p : mesh) {
            double u = c * p.x() + s * p.y();
            double v = -s * p.x() + c * p.y();
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        Point centre = new Point(c * cu - s * cv, s * cu + c * cv);
        return new Crop(centre, Math.max(maxU - minU, maxV - minV) * CROP_SCALE, angle);
    }

    private List<Mesh> mesh(Raster photo, List<Crop> crops) {
        ModelDescriptor.Input spec = landmarks.descriptor().input();
        int size = spec.width();
        List<FaceImage> inputs = new ArrayList<>();
        List<Similarity> cropToPhoto = new ArrayList<>();
        for (Crop crop : crops) {
            Similarity t = crop.toPhoto(size);
            cropToPhoto.add(t);
            inputs.add(photo.warp(t, size, spec.height(), Border.ZERO));
        }
        float[] xyz;
        float[] confidence;
        try (NDManager manager = landmarks.newManager()) {
            NDArray x = manager.create(ModelInput.batch(inputs, spec), new Shape(ModelInput.shape(inputs.size(), spec)));
            NDList out = landmarks.forward(new NDList(x));
            xyz = out.get(landmarksOutput).toFloatArray();
            confidence = out.get(confidenceOutput).toFloatArray();
        }
        List<Mesh> meshes = new ArrayList<>();
        int n = FaceMeshTopology.COUNT;
        for (int f = 0; f < crops.size(); f++) {
            Similarity t = cropToPhoto.get(f);
            List<Point> points = new ArrayList<>(n);
            List<Double> depth = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int o = (f * n + i) * 3;
                // Landmarks are continuous crop pixels: crop index = m − 0.5.
                points.add(t.apply(new Point(xyz[o] - 0.5, xyz[o + 1] - 0.5)));
                depth.add(xyz[o + 2] * t.scale());
            }
            meshes.add(new Mesh(points, depth, confidence[f]));
        }
        return meshes;
    }

    /** Two detections of one face converge on one mesh after refinement: keep the better-scored one. */
    private static List<DetectedFace> dropDuplicates(List<DetectedFace> faces) {
        List<DetectedFace> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        List<DetectedFace> kept = new ArrayList<>();
        for (DetectedFace f : sorted) {
            boolean duplicate = false;
            for (DetectedFace g : kept) {
                Point a = Point.mean(f.points().leftEye(), f.points().rightEye());
                Point b = Point.mean(g.points().leftEye(), g.points().rightEye());
                if (a.distance(b) < 0.5 * Math.min(f.points().interocular(), g.points().interocular())) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(f);
            }
        }
        return kept;
    }

    record Detection(double score, double x1, double y1, double x2, double y2, Point leftEye, Point rightEye) {
        double area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }
    }

    /** A square crop of side {@code side} photo pixels centred on {@code centre}, its x axis at {@code angle}. */
    private record Crop(Point centre, double side, double angle) {
        /** Crop pixel index → photo pixel index for a crop of {@code size} pixels. */
        Similarity toPhoto(int size) {
            double k = side / size;
            double a = k * Math.cos(angle);
            double b = k * Math.sin(angle);
            // photo = centre + R·k·(u + 0.5 − size/2)
            double o = 0.5 - size / 2.0;
            return new Similarity(a, b, centre.x() + a * o - b * o, centre.y() + b * o + a * o);
        }
    }

    private record Mesh(List<Point> points, List<Double> depth, double confidence) {
    }
}
