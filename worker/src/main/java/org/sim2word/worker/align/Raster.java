package org.sim2word.worker.align;

import org.sim2word.worker.engine.FaceImage;

/**
 * Pixels of one image (RGB 0–255, HWC) read once, so that several warps of a large photo share one copy, and the
 * bilinear inverse-map warp every crop, model input and aligned face is made with.
 */
final class Raster {
    final int width;
    final int height;
    final float[] rgb;

    private Raster(int width, int height, float[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    static Raster of(FaceImage image) {
        return new Raster(image.width(), image.height(), image.toArray());
    }

    /**
     * The image of size w×h whose pixel (x, y) is this raster sampled bilinearly at {@code dstToSrc}(x, y), both in
     * pixel-index coordinates, as OpenCV's warpAffine with WARP_INVERSE_MAP and INTER_LINEAR does (in floating
     * point rather than OpenCV's 5-bit fixed point).
     */
    FaceImage warp(Similarity dstToSrc, int w, int h, Border border) {
        double[] m = dstToSrc.matrix();
        float[] out = new float[w * h * 3];
        float[] px = new float[3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = m[0] * x + m[1] * y + m[2];
                double sy = m[3] * x + m[4] * y + m[5];
                sample(sx, sy, border, px);
                out[o++] = px[0];
                out[o++] = px[1];
                out[o++] = px[2];
            }
        }
        return FaceImage.of(w, h, out);
    }

    private void sample(double sx, double sy, Border border, float[] out) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float tx = (float) (sx - x0);
        float ty = (float) (sy - y0);
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        for (int dy = 0; dy <= 1; dy++) {
            float wy = dy == 0 ? 1 - ty : ty;
            if (wy == 0) {
                continue;
            }
            int yy = index(y0 + dy, height, border);
            if (yy < 0) {
                continue;
            }
            for (int dx = 0; dx <= 1; dx++) {
                float wx = dx == 0 ? 1 - tx : tx;
                if (wx == 0) {
                    continue;
                }
                int xx = index(x0 + dx, width, border);
                if (xx < 0) {
                    continue;
                }
                int i = (yy * width + xx) * 3;
                float wgt = wx * wy;
                out[0] += wgt * rgb[i];
                out[1] += wgt * rgb[i + 1];
                out[2] += wgt * rgb[i + 2];
            }
        }
    }

    /** The source index for i under the border mode, or −1 for a zero sample. */
    static int index(int i, int n, Border border) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (border == Border.ZERO) {
            return -1;
        }
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int r = Math.floorMod(i, period);
        return r < n ? r : period - r;
    }
}
