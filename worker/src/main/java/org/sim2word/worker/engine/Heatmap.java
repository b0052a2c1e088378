package org.sim2word.worker.engine;

import java.util.Arrays;

/**
 * An immutable H×W map of floats, row-major. Every map of the method (Grad-CAM, ID, counter-ID, counterfactual,
 * attribute, joint) is one of these; the operations are the few the method needs, each named after its formula.
 */
public final class Heatmap {
    /** Maps whose range is below this are constant: they carry no location and normalise to zeros (§6.3). */
    public static final float EPSILON = 1e-12f;

    private final int width;
    private final int height;
    private final float[] values;

    private Heatmap(int width, int height, float[] values) {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " map needs " + width * height
                    + " values, got " + values.length);
        }
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /** Wraps {@code values} without copying; the caller must not change them afterwards. */
    public static Heatmap of(int width, int height, float[] values) {
        return new Heatmap(width, height, values);
    }

    public static Heatmap zeros(int width, int height) {
        return new Heatmap(width, height, new float[width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return values.length;
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    public float at(int index) {
        return values[index];
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        return values.clone();
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** True when max − min &lt; ε: the map has no shape and {@link #minMax()} returns zeros. */
    public boolean isDegenerate() {
        return max() - min() < EPSILON;
    }

    /** (H − min H) / (max H − min H), or all zeros for a {@linkplain #isDegenerate degenerate} map. */
    public Heatmap minMax() {
        float lo = min();
        float range = max() - lo;
        float[] out = new float[values.length];
        if (range >= EPSILON) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (values[i] - lo) / range;
            }
        }
        return new Heatmap(width, height, out);
    }

    /** Element-wise product H ⊙ other. */
    public Heatmap times(Heatmap other) {
        requireSameSize(other);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * other.values[i];
        }
        return new Heatmap(width, height, out);
    }

    /** max(H) − H: high where H is low; the counter-ID term of the counterfactual map. */
    public Heatmap complementToMax() {
        float top = max();
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = top - values[i];
        }
        return new Heatmap(width, height, out);
    }

    /** The mean of several maps of one size; a single map is returned as is. */
    public static Heatmap mean(java.util.List<Heatmap> maps) {
        if (maps.isEmpty()) {
            throw new IllegalArgumentException("the mean of no maps is undefined");
        }
        if (maps.size() == 1) {
            return maps.get(0);
        }
        Heatmap first = maps.get(0);
        float[] sum = new float[first.values.length];
        for (Heatmap m : maps) {
            first.requireSameSize(m);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += m.values[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= maps.size();
        }
        return new Heatmap(first.width, first.height, sum);
    }

    /** Bilinear resize with OpenCV INTER_LINEAR semantics (§2.3); a map of the target size is returned as is. */
    public Heatmap resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new Heatmap(newWidth, newHeight, BilinearResize.resize(values, width, height, 1, newWidth, newHeight));
    }

    private void requireSameSize(Heatmap other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("maps differ in size: " + width + "×" + height + " and "
                    + other.width + "×" + other.height);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Heatmap h && h.width == width && h.height == height && Arrays.equals(h.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Heatmap[" + width + "×" + height + ", min " + min() + ", max " + max() + "]";
    }
}
