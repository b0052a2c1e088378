package org.sim2word.worker.align;

import java.util.ArrayList;
import java.util.List;

/**
 * A face found in a photo, all in the photo's pixel-index coordinates.
 *
 * @param x1             the detector's box, left
 * @param y1             top
 * @param x2             right
 * @param y2             bottom
 * @param score          the detector's face probability
 * @param meshConfidence FaceMesh's probability that its crop holds a face
 * @param mesh           the 468 FaceMesh landmarks (x, y; {@link FaceMeshTopology} numbers them)
 * @param depth          their z, a relative depth in photo pixels (smaller is nearer the camera)
 * @param points         the five alignment landmarks derived from the mesh
 */
public record DetectedFace(double x1, double y1, double x2, double y2, double score, double meshConfidence,
                           List<Point> mesh, List<Double> depth, FivePoints points) {
    public DetectedFace {
        mesh = List.copyOf(mesh);
        depth = List.copyOf(depth);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    /** The longer side of the detector's box: the size the minimum face size is checked against. */
    public double size() {
        return Math.max(width(), height());
    }

    /**
     * This face with every coordinate mapped by {@code t} (e.g. into an aligned face); depth scales with it. The
     * box is the axis-parallel box of its two mapped corners, only approximate when {@code t} rotates.
     */
    public DetectedFace map(Similarity t) {
        List<Point> m = new ArrayList<>(mesh.size());
        for (Point p : mesh) {
            m.add(t.apply(p));
        }
        List<Double> z = new ArrayList<>(depth.size());
        for (double d : depth) {
            z.add(d * t.scale());
        }
        Point a = t.apply(new Point(x1, y1));
        Point b = t.apply(new Point(x2, y2));
        return new DetectedFace(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.max(a.x(), b.x()),
                Math.max(a.y(), b.y()), score, meshConfidence, m, z, points.map(t));
    }
}
