package org.sim2word.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.sim2word.common.result.UncertaintyMethod;
import org.sim2word.worker.engine.Evidence;
import org.sim2word.worker.engine.FaceImage;

/** A trained evidential net, such as the paper's {@code vggface-evidential.pth}: u from its own logits. */
public final class EvidentialNet implements UncertaintyNet {
    private final TorchModel model;
    private final int logitsOutput;
    private final int maxBatch;

    public EvidentialNet(TorchModel model, int maxBatch) {
        ModelDescriptor d = model.descriptor();
        if (d.uncertainty() == null) {
            throw new ModelLoadException("model " + d.name() + " declares no uncertainty block");
        }
        this.model = model;
        this.logitsOutput = d.outputIndex(d.uncertainty().output());
        this.maxBatch = maxBatch;
    }

    @Override
    public double[] uncertainties(List<FaceImage> faces, double lambda) {
        double[] u = new double[faces.size()];
        ModelDescriptor.Input spec = model.descriptor().input();
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<FaceImage> chunk = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            try (NDManager manager = model.newManager()) {
                NDArray x = manager.create(ModelInput.batch(chunk, spec), new Shape(ModelInput.shape(chunk.size(), spec)));
                float[] z = model.forward(new NDList(x)).get(logitsOutput).toFloatArray();
                int k = z.length / chunk.size();
                for (int i = 0; i < chunk.size(); i++) {
                    u[start + i] = Evidence.uncertainty(Arrays.copyOfRange(z, i * k, (i + 1) * k), lambda);
                }
            }
        }
        return u;
    }

    @Override
    public UncertaintyMethod method() {
        return new UncertaintyMethod(model.descriptor().name(), false,
                "evidential net: u = K / Σ(λ·ReLU(z) + 1) over its " + model.descriptor().uncertainty().classes()
                        + " logits (method §3.5)");
    }
}
