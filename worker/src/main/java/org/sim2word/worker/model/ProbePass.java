package org.sim2word.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.GradCam;
import org.sim2word.worker.engine.Heatmap;

/**
 * One recorded forward of one face through a {@link ProbeNet}. Every Grad-CAM map of the face comes from this
 * single forward: each target back-propagates only through the layers after the target layer, keeping the graph
 * for the next target. Thread-confined; closing frees the graph and restores the thread's grad mode.
 */
public final class ProbePass implements AutoCloseable {
    private final ProbeNet net;
    private final NDManager manager;
    private final GradMode gradMode;
    private final NDArray delta;
    private final NDList outputs;
    private final float[] features;
    private final int channels;
    private final int height;
    private final int width;

    ProbePass(ProbeNet net, FaceImage face) {
        this.net = net;
        List<Integer> shape = net.featureShape();
        this.channels = shape.get(0);
        this.height = shape.get(1);
        this.width = shape.get(2);
        ModelDescriptor.Input spec = net.descriptor().input();
        this.manager = net.model().newManager();
        GradMode mode = null;
        try {
            mode = GradMode.enable();
            NDArray x = manager.create(ModelInput.batch(List.of(face), spec), new Shape(ModelInput.shape(1, spec)));
            this.delta = manager.zeros(new Shape(1, channels, height, width));
            delta.setRequiresGradient(true);
            this.outputs = net.model().forwardRecording(new NDList(x, delta));
            this.features = outputs.get(net.featuresOutput()).toFloatArray();
        } catch (RuntimeException e) {
            manager.close();
            if (mode != null) {
                mode.close();
            }
            throw e;
        }
        this.gradMode = mode;
    }

    /** The output named {@code name} for this face, e.g. an embedding or a head's logits. */
    public float[] output(String name) {
        return outputs.get(net.descriptor().outputIndex(name)).toFloatArray();
    }

    /** Grad-CAM of the cosine between this face's embedding and a unit vector, e.g. a gallery identity. */
    public Heatmap cosineMap(float[] unitVector) {
        NDArray embedding = outputs.get(net.descriptor().outputIndex(net.descriptor().embedding()));
        NDArray direction = manager.create(unitVector, new Shape(1, unitVector.length));
        NDArray target = embedding.mul(direction).sum().div(embedding.norm());
        return backwardToMap(target);
    }

    /** Grad-CAM of one class logit of one output, e.g. a head at its predicted class. */
    public Heatmap logitMap(String output, int classIndex) {
        NDArray logits = outputs.get(net.descriptor().outputIndex(output));
        return backwardToMap(logits.get(0, classIndex));
    }

    private Heatmap backwardToMap(NDArray target) {
        JniUtils.backward((PtNDArray) target, (PtNDArray) manager.ones(target.getShape()), true, false);
        float[] gradient;
        try (NDArray g = delta.getGradient()) {
            gradient = g.toFloatArray();
        }
        JniUtils.zeroGrad((PtNDArray) delta);
        return GradCam.map(features, gradient, channels, height, width);
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            gradMode.close();
        }
    }
}
