package org.sim2word.worker.attributes;

import java.util.List;
import org.sim2word.worker.align.DetectedFace;
import org.sim2word.worker.align.FaceMeshTopology;
import org.sim2word.worker.align.Point;

/**
 * Scale-free measurements of a face's FaceMesh landmarks. Lengths are taken in the face's own frame (rotated so that
 * the eye centres are level) and divided by a length of the face itself, so they do not depend on the photo's
 * resolution or the face's roll.
 *
 * @param mouthOpening inner-lip gap (points 13–14) over mouth width (corners 61–291): 0 for closed lips, about 0.1
 *                     for lips just apart, 0.2–0.35 for a broad smile showing teeth
 * @param eyeOpening   the eyes' aspect ratio, lid gap (159–145, 386–374) over eye width (corners 33–133, 263–362),
 *                     mean of both eyes: about 0.3 for open eyes, 0.2 for a squint, near 0 for closed eyes
 * @param browHeight   how far the middle of the brows (105, 334) is above the eye-corner midpoints, over the
 *                     interocular distance, mean of both sides
 * @param yaw          where the nose tip (1) sits between the face's edges at the cheekbones (234, 454), minus
 *                     one half: 0 for a frontal face, ±0.5 for a profile; for a roughly cylindrical head the yaw
 *                     angle is about asin(2·yaw)
 */
public record FaceGeometry(double mouthOpening, double eyeOpening, double browHeight, double yaw) {

    public static FaceGeometry of(DetectedFace face) {
        List<Point> m = face.mesh();
        Point le = face.points().leftEye();
        Point re = face.points().rightEye();
        double angle = Math.atan2(re.y() - le.y(), re.x() - le.x());
        double c = Math.cos(-angle);
        double s = Math.sin(-angle);
        double iod = face.points().interocular();
        double mouth = m.get(FaceMeshTopology.INNER_LIP_TOP).distance(m.get(FaceMeshTopology.INNER_LIP_BOTTOM))
                / m.get(FaceMeshTopology.MOUTH_LEFT).distance(m.get(FaceMeshTopology.MOUTH_RIGHT));
        double right = m.get(FaceMeshTopology.RIGHT_EYE_TOP).distance(m.get(FaceMeshTopology.RIGHT_EYE_BOTTOM))
                / m.get(FaceMeshTopology.RIGHT_EYE_OUTER).distance(m.get(FaceMeshTopology.RIGHT_EYE_INNER));
        double left = m.get(FaceMeshTopology.LEFT_EYE_TOP).distance(m.get(FaceMeshTopology.LEFT_EYE_BOTTOM))
                / m.get(FaceMeshTopology.LEFT_EYE_OUTER).distance(m.get(FaceMeshTopology.LEFT_EYE_INNER));
        double browRight = uprightY(Point.mean(m.get(FaceMeshTopology.RIGHT_EYE_OUTER),
                m.get(FaceMeshTopology.RIGHT_EYE_INNER)), c, s) - uprightY(m.get(FaceMeshTopology.RIGHT_BROW_MIDDLE), c, s);
        double browLeft = uprightY(Point.mean(m.get(FaceMeshTopology.LEFT_EYE_OUTER),
                m.get(FaceMeshTopology.LEFT_EYE_INNER)), c, s) - uprightY(m.get(FaceMeshTopology.LEFT_BROW_MIDDLE), c, s);
        double xl = uprightX(m.get(FaceMeshTopology.FACE_LEFT), c, s);
        double xr = uprightX(m.get(FaceMeshTopology.FACE_RIGHT), c, s);
        double xn = uprightX(m.get(FaceMeshTopology.NOSE_TIP), c, s);
        return new FaceGeometry(mouth, (left + right) / 2, (browLeft + browRight) / 2 / iod, (xn - xl) / (xr - xl) - 0.5);
    }

    private static double uprightX(Point p, double c, double s) {
        return c * p.x() - s * p.y();
    }

    private static double uprightY(Point p, double c, double s) {
        return s * p.x() + c * p.y();
    }
}
