package org.sim2word.worker.align;

import java.util.List;

/**
 * The five landmarks that face-alignment templates are defined on, in the templates' order: the eye on the image's
 * left (the subject's right eye), the eye on the image's right, the nose tip, the mouth corner on the image's left,
 * the mouth corner on the image's right. Eyes are eye centres, not corners (ArcFace's and MTCNN's convention).
 */
public record FivePoints(Point leftEye, Point rightEye, Point nose, Point leftMouth, Point rightMouth) {
    public List<Point> asList() {
        return List.of(leftEye, rightEye, nose, leftMouth, rightMouth);
    }

    public static FivePoints of(List<Point> points) {
        if (points.size() != 5) {
            throw new IllegalArgumentException("five points are needed, got " + points.size());
        }
        return new FivePoints(points.get(0), points.get(1), points.get(2), points.get(3), points.get(4));
    }

    /** These points under {@code t}. */
    public FivePoints map(Similarity t) {
        return of(asList().stream().map(t::apply).toList());
    }

    /** The distance between the eye centres, the usual unit of face geometry. */
    public double interocular() {
        return leftEye.distance(rightEye);
    }
}
