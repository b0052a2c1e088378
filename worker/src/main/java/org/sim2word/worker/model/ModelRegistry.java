package org.sim2word.worker.model;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sim2word.common.json.Json;

/**
 * The installed models: every {@code <dir>/<name>/model.json}. Models load on first use, once, and are shared by
 * every job; the registry closes them.
 */
public final class ModelRegistry implements AutoCloseable {
    public static final String DESCRIPTOR_FILE = "model.json";

    private final Map<String, Path> directories;
    private final Map<String, ModelDescriptor> descriptors;
    private final Device device;
    private final Map<String, TorchModel> loaded = new HashMap<>();
    private final Map<String, ProbeNet> probeNets = new HashMap<>();

    private ModelRegistry(Map<String, Path> directories, Map<String, ModelDescriptor> descriptors, Device device) {
        this.directories = directories;
        this.descriptors = descriptors;
        this.device = device;
    }

    /** Reads every descriptor under {@code modelsDir}; nothing is loaded yet. */
    public static ModelRegistry scan(Path modelsDir, Device device) {
        if (!Files.isDirectory(modelsDir)) {
            throw new ModelLoadException("no models at " + modelsDir + "; run deploy/models/install.sh");
        }
        Map<String, Path> directories = new HashMap<>();
        Map<String, ModelDescriptor> descriptors = new HashMap<>();
        try (Stream<Path> dirs = Files.list(modelsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve(DESCRIPTOR_FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                ModelDescriptor d = read(file);
                if (descriptors.put(d.name(), d) != null) {
                    throw new ModelLoadException("two models are named " + d.name() + " under " + modelsDir);
                }
                directories.put(d.name(), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelRegistry(directories, descriptors, device);
    }

    public List<ModelDescriptor> descriptors() {
        return descriptors.values().stream().sorted(java.util.Comparator.comparing(ModelDescriptor::name)).toList();
    }

    public ModelDescriptor descriptor(String name) {
        ModelDescriptor d = descriptors.get(name);
        if (d == null) {
            throw new ModelLoadException("no model named " + name + " is installed; installed: "
                    + new ArrayList<>(descriptors.keySet()).stream().sorted().toList());
        }
        return d;
    }

    /** The descriptor file's text, as the user wrote it. */
    public String descriptorJson(String name) {
        try {
            return Files.readString(directory(name).resolve(DESCRIPTOR_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory(String name) {
        descriptor(name);
        return directories.get(name);
    }

    /** The loaded model, loading and verifying it on first use. */
    public synchronized TorchModel model(String name) {
        return loaded.computeIfAbsent(name, n -> TorchModel.load(descriptor(n), directories.get(n), device));
    }

    /** The model as a Grad-CAM probe; one instance per model, so roles sharing a model share its forward. */
    public synchronized ProbeNet probeNet(String name) {
        return probeNets.computeIfAbsent(name, n -> new ProbeNet(model(n)));
    }

    public VerificationNet verificationNet(String name, int maxBatch) {
        return new VerificationNet(model(name), maxBatch);
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(TorchModel::close);
        loaded.clear();
        probeNets.clear();
    }

    private static ModelDescriptor read(Path file) {
        try {
            ModelDescriptor d = Json.mapper().readValue(file.toFile(), ModelDescriptor.class);
            if (d.schema() != ModelDescriptor.SCHEMA) {
                throw new ModelLoadException(file + " has descriptor schema " + d.schema() + "; this worker reads "
                        + ModelDescriptor.SCHEMA);
            }
            return d;
        } catch (IOException e) {
            throw new ModelLoadException(file + " is not a valid model descriptor: " + e.getMessage(), e);
        }
    }
}
