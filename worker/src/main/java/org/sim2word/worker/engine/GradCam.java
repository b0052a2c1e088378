package org.sim2word.worker.engine;

/**
 * Grad-CAM exactly as method §2.3: channel weights α_k = mean over positions of ∂target/∂A_k, map =
 * ReLU(Σ_k α_k·A_k), min-max normalised with ε. The caller resizes the map to the image it is combined with.
 */
public final class GradCam {
    private GradCam() {
    }

    /**
     * @param activations the target layer's activations A, channel-major [C, h, w]
     * @param gradients   ∂target/∂A, same layout
     * @return the normalised map at the layer's resolution, h×w, in [0, 1] (all zeros when degenerate)
     */
    public static Heatmap map(float[] activations, float[] gradients, int channels, int height, int width) {
        int plane = height * width;
        if (activations.length != channels * plane || gradients.length != channels * plane) {
            throw new IllegalArgumentException("activations and gradients must both hold " + channels + "×" + height
                    + "×" + width + " values");
        }
        float[] cam = new float[plane];
        for (int k = 0; k < channels; k++) {
            int base = k * plane;
            float alpha = 0f;
            for (int p = 0; p < plane; p++) {
                alpha += gradients[base + p];
            }
            alpha /= plane;
            if (alpha == 0f) {
                continue;
            }
            for (int p = 0; p < plane; p++) {
                cam[p] += alpha * activations[base + p];
            }
        }
        for (int p = 0; p < plane; p++) {
            cam[p] = Math.max(cam[p], 0f);
        }
        return Heatmap.of(width, height, cam).minMax();
    }
}
