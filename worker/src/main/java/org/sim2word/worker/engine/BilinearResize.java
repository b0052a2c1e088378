package org.sim2word.worker.engine;

/**
 * Bilinear resampling with the semantics of OpenCV's {@code cv2.resize(..., INTER_LINEAR)} on float32 data:
 * destination pixel x samples the source at (x + 0.5)·(W_src / W_dst) − 0.5, clamped to [0, W_src − 1], with
 * linear weights between its two neighbours; separably in y. Used for Grad-CAM upsampling and for model inputs,
 * so Java and the Python reference agree to float rounding.
 */
public final class BilinearResize {
    private BilinearResize() {
    }

    /**
     * Resizes an interleaved row-major image (HWC) of {@code channels} channels.
     *
     * @return a new array of newHeight × newWidth × channels values
     */
    public static float[] resize(float[] src, int width, int height, int channels, int newWidth, int newHeight) {
        if (src.length != width * height * channels) {
            throw new IllegalArgumentException("source has " + src.length + " values, expected "
                    + width * height * channels);
        }
        Taps xs = Taps.of(width, newWidth);
        Taps ys = Taps.of(height, newHeight);
        float[] dst = new float[newWidth * newHeight * channels];
        int rowStride = width * channels;
        for (int y = 0; y < newHeight; y++) {
            int row0 = ys.low[y] * rowStride;
            int row1 = ys.high[y] * rowStride;
            float wy = ys.weight[y];
            int out = y * newWidth * channels;
            for (int x = 0; x < newWidth; x++) {
                int c0 = xs.low[x] * channels;
                int c1 = xs.high[x] * channels;
                float wx = xs.weight[x];
                for (int c = 0; c < channels; c++) {
                    float top = src[row0 + c0 + c] + (src[row0 + c1 + c] - src[row0 + c0 + c]) * wx;
                    float bottom = src[row1 + c0 + c] + (src[row1 + c1 + c] - src[row1 + c0 + c]) * wx;
                    dst[out++] = top + (bottom - top) * wy;
                }
            }
        }
        return dst;
    }

    /** For each destination index along one axis: its two source neighbours and the weight of the upper one. */
    private record Taps(int[] low, int[] high, float[] weight) {
        static Taps of(int sourceSize, int targetSize) {
            int[] low = new int[targetSize];
            int[] high = new int[targetSize];
            float[] weight = new float[targetSize];
            double scale = (double) sourceSize / targetSize;
            for (int i = 0; i < targetSize; i++) {
                double f = (i + 0.5) * scale - 0.5;
                f = Math.max(0.0, Math.min(sourceSize - 1.0, f));
                int l = (int) Math.floor(f);
                low[i] = l;
                high[i] = Math.min(l + 1, sourceSize - 1);
                weight[i] = (float) (f - l);
            }
            return new Taps(low, high, weight);
        }
    }
}
