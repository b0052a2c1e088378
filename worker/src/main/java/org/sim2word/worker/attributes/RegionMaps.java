package org.sim2word.worker.attributes;

import java.util.ArrayList;
import java.util.List;
import org.sim2word.worker.align.Point;
import org.sim2word.worker.engine.Heatmap;

/**
 * Smooth region masks at canvas size: polygons (and discs) filled at pixel centres, blurred with a Gaussian, then
 * divided by their maximum so the region's core is 1 and the map falls off smoothly over a few pixels. A mask
 * rather than a hard cut, so that the joint map (counterfactual × region) keeps the counterfactual map's shape
 * inside the region and has no steps for the erasure threshold to follow.
 */
public final class RegionMaps {
    private RegionMaps() {
    }

    /** A filled shape: a polygon or a disc. */
    public sealed interface Shape permits Polygon, Disc {
        boolean contains(double x, double y);
    }

    /** A simple polygon, its vertices in order (either orientation); even-odd rule. */
    public record Polygon(List<Point> vertices) implements Shape {
        public Polygon {
            vertices = List.copyOf(vertices);
            if (vertices.size() < 3) {
                throw new IllegalArgumentException("a polygon needs three vertices, got " + vertices.size());
            }
        }

        /** This polygon scaled by {@code factor} about the mean of its vertices. */
        public Polygon scaled(double factor) {
            Point c = Point.mean(vertices.toArray(Point[]::new));
            List<Point> out = new ArrayList<>(vertices.size());
            for (Point p : vertices) {
                out.add(new Point(c.x() + factor * (p.x() - c.x()), c.y() + factor * (p.y() - c.y())));
            }
            return new Polygon(out);
        }

        @Override
        public boolean contains(double x, double y) {
            boolean inside = false;
            int n = vertices.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                Point a = vertices.get(i);
                Point b = vertices.get(j);
                if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    public record Disc(Point centre, double radius) implements Shape {
        @Override
        public boolean contains(double x, double y) {
            return Math.hypot(x - centre.x(), y - centre.y()) <= radius;
        }
    }

    /**
     * The union of {@code shapes} on a width×height canvas, blurred with a Gaussian of standard deviation
     * {@code sigma} pixels (edges replicated) and scaled to a maximum of 1; all zeros when no pixel centre lies in
     * any shape.
     */
    public static Heatmap of(List<? extends Shape> shapes, int width, int height, double sigma) {
        float[] mask = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (Shape s : shapes) {
                    if (s.contains(x, y)) {
                        mask[y * width + x] = 1f;
                        break;
                    }
                }
            }
        }
        float[] blurred = sigma > 0 ? blur(mask, width, height, sigma) : mask;
        float max = 0;
        for (float v : blurred) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int i = 0; i < blurred.length; i++) {
                blurred[i] = Math.min(1f, blurred[i] / max);
            }
        }
        return Heatmap.of(width, height, blurred);
    }

    /** Separable Gaussian blur, kernel radius ⌈3σ⌉, edges replicated. */
    static float[] blur(float[] src, int width, int height, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(width - 1, Math.max(0, x + i));
                    acc += k[i + r] * src[y * width + xx];
                }
                tmp[y * width + x] = acc;
            }
        }
        float[] out = new float[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(height - 1, Math.max(0, y + i));
                    acc += k[i + r] * tmp[yy * width + x];
                }
                out[y * width + x] = acc;
            }
        }
        return out;
    }
}
