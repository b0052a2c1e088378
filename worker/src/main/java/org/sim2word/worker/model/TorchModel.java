package org.sim2word.worker.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A TorchScript model loaded with DJL on the PyTorch engine, checked against its descriptor's checksum. Inference
 * runs without autograd; {@link #forwardRecording} runs with it on the calling thread so Grad-CAM can
 * back-propagate. Parameters are frozen and the module stays in eval mode throughout: a forward never switches
 * BatchNorm to training statistics.
 */
public final class TorchModel implements AutoCloseable {
    private static final boolean GRAPH_OPTIMIZER = Boolean.getBoolean("ai.djl.pytorch.graph_optimizer");

    private final ModelDescriptor descriptor;
    private final Path directory;
    private final ZooModel<NDList, NDList> model;
    private final PtSymbolBlock block;

    private TorchModel(ModelDescriptor descriptor, Path directory, ZooModel<NDList, NDList> model) {
        this.descriptor = descriptor;
        this.directory = directory;
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        block.freezeParameters(true);
        JniUtils.enableInferenceMode(block);
    }

    /**
     * Loads the model a descriptor describes.
     *
     * @throws ModelLoadException when the file is missing, its checksum differs, or libtorch rejects it
     */
    public static TorchModel load(ModelDescriptor descriptor, Path directory, Device device) {
        Path file = directory.resolve(descriptor.file());
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("model " + descriptor.name() + ": " + file + " does not exist; run "
                    + "deploy/models/install.sh");
        }
        String actual = sha256(file);
        if (descriptor.sha256() != null && !descriptor.sha256().equalsIgnoreCase(actual)) {
            throw new ModelLoadException("model " + descriptor.name() + ": " + file + " has SHA-256 " + actual
                    + " but its descriptor expects " + descriptor.sha256() + "; re-run deploy/models/install.sh");
        }
        Engine.getEngine("PyTorch");
        String baseName = descriptor.file().replaceFirst("\\.pt$", "");
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(directory)
                .optModelName(baseName)
                .optEngine("PyTorch")
                .optDevice(device)
                .optTranslator(new NoopTranslator())
                // Parameters loaded outside inference mode, so gradients can flow through them (platform notes §8).
                .optOption("trainParam", String.valueOf(descriptor.gradcam() != null))
                .build();
        try {
            return new TorchModel(descriptor, directory, criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new ModelLoadException("model " + descriptor.name() + ": libtorch could not load " + file + ": "
                    + e.getMessage(), e);
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public Path directory() {
        return directory;
    }

    /** A manager for one request's arrays; close it to free them all. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** Inference: no autograd graph is recorded. Outputs belong to the first input's manager. */
    public NDList forward(NDList inputs) {
        optimizeGraph();
        return IValueUtils.forward(block, inputs, false);
    }

    /**
     * A forward that records the autograd graph, for back-propagation on the calling thread. The caller must have
     * enabled grad mode on this thread ({@link GradMode}).
     */
    public NDList forwardRecording(NDList inputs) {
        optimizeGraph();
        return IValueUtils.forward(block, inputs, true);
    }

    /**
     * TorchScript's profiling executor re-specialises the graph for every new input shape, and a pair's batches
     * vary in size (identical and empty masks are not re-scored), so it is off unless
     * {@code ai.djl.pytorch.graph_optimizer=true}. The setting is per thread, hence set on every call.
     */
    private static void optimizeGraph() {
        JniUtils.setGraphExecutorOptimize(GRAPH_OPTIMIZER);
    }

    @Override
    public void close() {
        model.close();
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
