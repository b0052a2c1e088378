package org.sim2word.worker.align;

import java.util.List;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation, no reflection):
 * x' = a·x − b·y + tx, y' = b·x + a·y + ty. The scale is √(a² + b²) and the angle atan2(b, a).
 */
public record Similarity(double a, double b, double tx, double ty) {
    public static final Similarity IDENTITY = new Similarity(1, 0, 0, 0);

    public Point apply(Point p) {
        return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation in radians, counter-clockwise in a y-up frame (clockwise on screen, where y points down). */
    public double angle() {
        return Math.atan2(b, a);
    }

    public Similarity inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** This transform after {@code first}: x ↦ this(first(x)). */
    public Similarity after(Similarity first) {
        return new Similarity(a * first.a - b * first.b, b * first.a + a * first.b,
                a * first.tx - b * first.ty + tx, b * first.tx + a * first.ty + ty);
    }

    /** As the affine matrix [[m00, m01, m02], [m10, m11, m12]], row-major. */
    public double[] matrix() {
        return new double[] {a, -b, tx, b, a, ty};
    }

    /**
     * The least-squares similarity taking {@code from} onto {@code to}: it minimises Σ |T(from_i) − to_i|². This is
     * Umeyama's estimate restricted to proper rotations, which in 2-D has a closed form: with both point sets
     * centred, (a + ib) = Σ conj(p_i)·q_i / Σ |p_i|² in complex notation.
     */
    public static Similarity estimate(List<Point> from, List<Point> to) {
        if (from.size() != to.size() || from.size() < 2) {
            throw new IllegalArgumentException("need two equally long lists of at least two points, got "
                    + from.size() + " and " + to.size());
        }
        int n = from.size();
        double fx = 0;
        double fy = 0;
        double gx = 0;
        double gy = 0;
        for (int i = 0; i < n; i++) {
            fx += from.get(i).x();
            fy += from.get(i).y();
            gx += to.get(i).x();
            gy += to.get(i).y();
        }
        fx /= n;
        fy /= n;
        gx /= n;
        gy /= n;
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from.get(i).x() - fx;
            double py = from.get(i).y() - fy;
            double qx = to.get(i).x() - gx;
            double qy = to.get(i).y() - gy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("the source points all coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new Similarity(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
    }

    /** Σ |T(from_i) − to_i|: the summed Euclidean landmark error the pose templates are chosen by (method §2.1). */
    public double summedError(List<Point> from, List<Point> to) {
        double e = 0;
        for (int i = 0; i < from.size(); i++) {
            e += apply(from.get(i)).distance(to.get(i));
        }
        return e;
    }
}
