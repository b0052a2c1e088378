package org.sim2word.worker.align;

import java.util.List;
import org.sim2word.worker.engine.FaceImage;

/**
 * Warps a face of a photo onto an alignment template: the least-squares similarity from its five landmarks to each
 * pose of the template (Umeyama), the pose with the smallest summed landmark error, then a bilinear inverse-map warp
 * with the template's border mode (method §2.1).
 */
public final class FaceAligner {
    private FaceAligner() {
    }

    public static AlignedFace align(FaceImage photo, DetectedFace face, AlignmentTemplate template) {
        return align(photo, face.points(), template);
    }

    public static AlignedFace align(FaceImage photo, FivePoints points, AlignmentTemplate template) {
        return align(Raster.of(photo), points, template, template.border());
    }

    /** As {@link #align(FaceImage, FivePoints, AlignmentTemplate)} with another border mode than the template's. */
    public static AlignedFace align(FaceImage photo, FivePoints points, AlignmentTemplate template, Border border) {
        return align(Raster.of(photo), points, template, border);
    }

    static AlignedFace align(Raster photo, FivePoints points, AlignmentTemplate template, Border border) {
        Fit fit = fit(points, template);
        FaceImage image = photo.warp(fit.transform.inverse(), template.size(), template.size(), border);
        return new AlignedFace(image, template, fit.pose, fit.transform, fit.error, points.map(fit.transform));
    }

    /** The best pose's transform, without warping. */
    public static Fit fit(FivePoints points, AlignmentTemplate template) {
        List<Point> from = points.asList();
        Fit best = null;
        for (int pose = 0; pose < template.poses().size(); pose++) {
            List<Point> to = template.poses().get(pose);
            Similarity t = Similarity.estimate(from, to);
            double error = t.summedError(from, to);
            if (best == null || error < best.error) {
                best = new Fit(pose, t, error);
            }
        }
        return best;
    }

    /** A pose of a template fitted to five landmarks: the transform from the photo and its summed error. */
    public record Fit(int pose, Similarity transform, double error) {
    }
}
