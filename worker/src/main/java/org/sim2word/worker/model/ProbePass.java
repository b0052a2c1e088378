package org.sim2word.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.GradCam;
import org.sim2word.worker.engine.Heatmap;

/**
 * One recorded forward of a batch of faces through a {@link ProbeNet}. Every Grad-CAM map of every face comes from
 * this single forward: each target back-propagates only through the layers after the target layer, keeping the
 * graph for the next target, and touches only its own face's slice of the delta input. Thread-confined; closing
 * frees the graph and restores the thread's grad mode.
 */
public final class ProbePass implements AutoCloseable {
    private final ProbeNet net;
    private final NDManager manager;
    private final GradMode gradMode;
    private final NDArray delta;
    private final NDList outputs;
    private final float[][] features;
    private final int faces;
    private final int channels;
    private final int height;
    private final int width;

    ProbePass(ProbeNet net, List<FaceImage> batch) {
        this.net = net;
        List<Integer> shape = net.featureShape();
        this.faces = batch.size();
        this.channels = shape.get(0);
        this.height = shape.get(1);
        this.width = shape.get(2);
        ModelDescriptor.Input spec = net.descriptor().input();
        this.manager = net.model().newManager();
        GradMode mode = null;
        try {
            mode = GradMode.enable();
            NDArray x = manager.create(ModelInput.batch(batch, spec), new Shape(ModelInput.shape(faces, spec)));
            this.delta = manager.zeros(new Shape(faces, channels, height, width));
            delta.setRequiresGradient(true);
            this.outputs = net.model().forwardRecording(new NDList(x, delta));
            this.features = perFace(outputs.get(net.featuresOutput()).toFloatArray(), faces);
        } catch (RuntimeException e) {
            manager.close();
            if (mode != null) {
                mode.close();
            }
            throw e;
        }
        this.gradMode = mode;
    }

    public ModelDescriptor descriptor() {
        return net.descriptor();
    }

    public int faces() {
        return faces;
    }

    /** The output named {@code name} for face {@code face} of the batch, e.g. an embedding or a head's logits. */
    public float[] output(int face, String name) {
        return perFace(outputs.get(net.descriptor().outputIndex(name)).toFloatArray(), faces)[face];
    }

    /** Grad-CAM of the cosine between a face's embedding and a unit vector, e.g. a gallery identity. */
    public Heatmap cosineMap(int face, float[] unitVector) {
        NDArray embedding = outputs.get(net.descriptor().outputIndex(net.descriptor().embedding()))
                .get(new NDIndex(face));
        NDArray direction = manager.create(unitVector);
        NDArray target = embedding.mul(direction).sum().div(embedding.norm());
        return backwardToMap(face, target);
    }

    /** Grad-CAM of one class logit of one output of a face, e.g. a head at its predicted class. */
    public Heatmap logitMap(int face, String output, int classIndex) {
        NDArray logits = outputs.get(net.descriptor().outputIndex(output));
        return backwardToMap(face, logits.get(face, classIndex));
    }

    private Heatmap backwardToMap(int face, NDArray target) {
        JniUtils.backward((PtNDArray) target, (PtNDArray) manager.ones(target.getShape()), true, false);
        float[] gradient;
        try (NDArray g = delta.getGradient()) {
            gradient = g.toFloatArray();
        }
        JniUtils.zeroGrad((PtNDArray) delta);
        return GradCam.map(features[face], perFace(gradient, faces)[face], channels, height, width);
    }

    private static float[][] perFace(float[] all, int faces) {
        int per = all.length / faces;
        float[][] out = new float[faces][];
        for (int f = 0; f < faces; f++) {
            out[f] = Arrays.copyOfRange(all, f * per, (f + 1) * per);
        }
        return out;
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
