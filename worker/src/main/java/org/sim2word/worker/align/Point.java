package org.sim2word.worker.align;

/**
 * A point of an image in pixel-index coordinates (OpenCV's convention): the centre of pixel (i, j) is (i, j), so
 * an image of width W spans x from −0.5 to W − 0.5.
 */
public record Point(double x, double y) {
    public double distance(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    public static Point mean(Point... points) {
        double sx = 0;
        double sy = 0;
        for (Point p : points) {
            sx += p.x;
            sy += p.y;
        }
        return new Point(sx / points.length, sy / points.length);
    }
}
