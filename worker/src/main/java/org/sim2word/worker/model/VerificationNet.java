package org.sim2word.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;

/** The net whose similarity is explained (V): embeds faces in batches; similarity is the cosine of embeddings. */
public final class VerificationNet {
    /** The forward passes behind {@link #embed}: batches of at most {@code maxBatch} faces. */
    @FunctionalInterface
    interface Forward {
        float[][] embed(List<FaceImage> faces);
    }

    private final TorchModel model;
    private final int maxBatch;
    private final int embeddingOutput;
    private final BatchingEmbedder shared;

    public VerificationNet(TorchModel model, int maxBatch) {
        this(model, maxBatch, java.time.Duration.ZERO);
    }

    /**
     * @param batchWindow when positive, the requests of concurrent callers are gathered into shared batches,
     *                    waiting at most this long for a batch to fill ({@link BatchingEmbedder})
     */
    public VerificationNet(TorchModel model, int maxBatch, java.time.Duration batchWindow) {
        if (model.descriptor().embedding() == null) {
            throw new ModelLoadException("model " + model.descriptor().name() + " names no embedding output, so it "
                    + "cannot verify faces");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive, was " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.embeddingOutput = model.descriptor().outputIndex(model.descriptor().embedding());
        this.shared = batchWindow.isZero() ? null : new BatchingEmbedder(this::forward, maxBatch, batchWindow);
    }

    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    /** One embedding per face, in order, computed in batches of at most {@code maxBatch}. */
    public float[][] embed(List<FaceImage> faces) {
        return shared == null ? forward(faces) : shared.embed(faces);
    }

    private float[][] forward(List<FaceImage> faces) {
        float[][] embeddings = new float[faces.size()][];
        ModelDescriptor.Input spec = model.descriptor().input();
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<FaceImage> chunk = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            try (NDManager manager = model.newManager()) {
                NDArray x = manager.create(ModelInput.batch(chunk, spec), new Shape(ModelInput.shape(chunk.size(), spec)));
                NDList out = model.forward(new NDList(x));
                float[] flat = out.get(embeddingOutput).toFloatArray();
                int dim = flat.length / chunk.size();
                for (int i = 0; i < chunk.size(); i++) {
                    embeddings[start + i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
                }
            }
        }
        return embeddings;
    }

    /** cos(a, b) in double precision. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
