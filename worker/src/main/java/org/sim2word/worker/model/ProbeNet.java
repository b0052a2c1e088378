package org.sim2word.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;

/**
 * A net whose decisions are explained with Grad-CAM: the identification net R and the attribute nets A. Its
 * TorchScript takes (image, delta) and exposes the target layer's activations as an output, continuing from
 * activations + delta (docs/models.md), so one forward gives every map of a face.
 */
public final class ProbeNet {
    private final TorchModel model;
    private final int featuresOutput;
    private final List<Integer> featureShape;

    public ProbeNet(TorchModel model) {
        ModelDescriptor d = model.descriptor();
        if (d.gradcam() == null || !ModelDescriptor.GradCamLayer.DELTA_INPUT.equals(d.gradcam().exposure())) {
            throw new ModelLoadException("model " + d.name() + " does not expose a Grad-CAM layer through a delta "
                    + "input, so its maps cannot be computed");
        }
        this.model = model;
        this.featuresOutput = d.outputIndex(d.gradcam().output());
        this.featureShape = d.outputs().get(featuresOutput).shape();
        if (featureShape.size() != 3) {
            throw new ModelLoadException("model " + d.name() + ": Grad-CAM output " + d.gradcam().output()
                    + " must be [C, h, w], is " + featureShape);
        }
    }

    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    /**
     * One forward pass of a batch of faces that records autograd, for all their Grad-CAM maps. Use it on one thread
     * and close it.
     */
    public ProbePass probe(List<FaceImage> faces) {
        return new ProbePass(this, faces);
    }

    /** Embeddings without gradients, e.g. to enrol gallery faces; one forward per batch. */
    public float[][] embed(List<FaceImage> faces, int maxBatch) {
        String embedding = model.descriptor().embedding();
        if (embedding == null) {
            throw new ModelLoadException("model " + model.descriptor().name() + " names no embedding output");
        }
        int output = model.descriptor().outputIndex(embedding);
        float[][] result = new float[faces.size()][];
        ModelDescriptor.Input spec = model.descriptor().input();
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<FaceImage> chunk = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            try (NDManager manager = model.newManager()) {
                NDArray x = manager.create(ModelInput.batch(chunk, spec), new Shape(ModelInput.shape(chunk.size(), spec)));
                NDList out = model.forward(new NDList(x, manager.zeros(new Shape(1))));
                float[] flat = out.get(output).toFloatArray();
                int dim = flat.length / chunk.size();
                for (int i = 0; i < chunk.size(); i++) {
                    result[start + i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
                }
            }
        }
        return result;
    }

    TorchModel model() {
        return model;
    }

    int featuresOutput() {
        return featuresOutput;
    }

    List<Integer> featureShape() {
        return featureShape;
    }
}
