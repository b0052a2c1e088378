package org.sim2word.worker.engine;

import org.sim2word.common.job.Fill;

/**
 * An RGB face image as floats in 0–255, interleaved row-major (HWC). It is the canvas of the method: maps are
 * resized to it, masks are cut from it, and each model's input is resampled from it.
 */
public final class FaceImage {
    /** The grey of {@link Fill#MEAN}: the original code's constant, not a dataset mean (§2.8). */
    static final float MEAN_GREY = 125f;

    private final int width;
    private final int height;
    private final float[] rgb;

    private FaceImage(int width, int height, float[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("a " + width + "×" + height + " RGB image needs " + width * height * 3
                    + " values, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Wraps {@code rgb} (HWC, 0–255) without copying; the caller must not change it afterwards. */
    public static FaceImage of(int width, int height, float[] rgb) {
        return new FaceImage(width, height, rgb);
    }

    /** Uniform 0–255 integer noise from SplitMix64, drawn pixel by pixel in row-major order, R, G, B. */
    public static FaceImage noise(int width, int height, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        float[] v = new float[width * height * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextByte();
        }
        return new FaceImage(width, height, v);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the pixels, HWC. */
    public float[] toArray() {
        return rgb.clone();
    }

    /** The pixels, HWC; callers must not modify them. */
    float[] pixels() {
        return rgb;
    }

    /** This image resampled to {@code w}×{@code h} with {@link BilinearResize}. */
    public FaceImage resize(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        return new FaceImage(w, h, BilinearResize.resize(rgb, width, height, 3, w, h));
    }

    /**
     * This image with the masked pixels replaced by {@code fill}, in pixel space (§6.13).
     *
     * @param noise the random fill's source, same size as this image; ignored for the other fills
     */
    public FaceImage erase(EraseMask mask, Fill fill, FaceImage noise) {
        if (mask.width() != width || mask.height() != height) {
            throw new IllegalArgumentException("a " + mask.width() + "×" + mask.height() + " mask cannot erase a "
                    + width + "×" + height + " image");
        }
        if (mask.isEmpty()) {
            return this;
        }
        float[] out = rgb.clone();
        for (int p = 0; p < width * height; p++) {
            if (!mask.isErased(p)) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int i = p * 3 + c;
                out[i] = switch (fill) {
                    case BLACK -> 0f;
                    case WHITE -> 255f;
                    case MEAN -> MEAN_GREY;
                    case RANDOM -> noise.rgb[i];
                };
            }
        }
        return new FaceImage(width, height, out);
    }
}
