package org.sim2word.worker.model;

import java.util.List;
import org.sim2word.worker.engine.FaceImage;

/**
 * Turns canvases into a model's input batch as its descriptor prescribes. Public for the face finder
 * ({@code align}), which feeds the detector and landmark models its own crops.
 */
public final class ModelInput {
    private ModelInput() {
    }

    /**
     * The batch of {@code faces} as one float array in the descriptor's layout, e.g. N×3×H×W for NCHW. Mean and
     * std are given in the model's channel order, so for BGR models they apply after the channel swap.
     */
    public static float[] batch(List<FaceImage> faces, ModelDescriptor.Input spec) {
        int plane = spec.width() * spec.height();
        float[] gain = new float[3];
        float[] offset = new float[3];
        for (int c = 0; c < 3; c++) {
            // (p·scale − mean) / std, folded into one multiply-add per value.
            gain[c] = (float) (spec.scale() / spec.std().get(c));
            offset[c] = (float) (spec.mean().get(c) / spec.std().get(c));
        }
        boolean bgr = spec.channels().equals("BGR");
        boolean nchw = spec.layout().equals("NCHW");
        float[] out = new float[faces.size() * 3 * plane];
        for (int n = 0; n < faces.size(); n++) {
            float[] hwc = faces.get(n).resize(spec.width(), spec.height()).toArray();
            int base = n * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    float v = hwc[p * 3 + (bgr ? 2 - c : c)] * gain[c] - offset[c];
                    out[nchw ? base + c * plane + p : base + p * 3 + c] = v;
                }
            }
        }
        return out;
    }

    /** The batch's shape in the descriptor's layout. */
    public static long[] shape(int batch, ModelDescriptor.Input spec) {
        return spec.layout().equals("NCHW")
                ? new long[] {batch, 3, spec.height(), spec.width()}
                : new long[] {batch, spec.height(), spec.width(), 3};
    }
}
