package org.sim2word.worker.model;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sim2word.common.json.Json;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.engine.Softmax;

/**
 * A net that classifies identities itself, as the paper's VGGFace2 nets do (its 8631 training identities). The
 * Grad-CAM target of class c is the raw output[c] (method §2.3).
 */
public final class ClassifierIdentifier implements Identifier {
    private final ModelDescriptor.Identification spec;
    private final List<String> labels;

    private ClassifierIdentifier(ModelDescriptor.Identification spec, List<String> labels) {
        this.spec = spec;
        this.labels = List.copyOf(labels);
    }

    /** The classifier its descriptor declares, with its labels file when it names one. */
    public static ClassifierIdentifier of(ModelDescriptor descriptor, Path directory) {
        ModelDescriptor.Identification spec = descriptor.identification();
        if (spec == null) {
            throw new ModelLoadException("model " + descriptor.name() + " declares no identification block");
        }
        List<String> labels;
        if (spec.labels() != null) {
            try {
                labels = Json.mapper().readValue(directory.resolve(spec.labels()).toFile(), new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new ModelLoadException("model " + descriptor.name() + ": cannot read its class labels "
                        + directory.resolve(spec.labels()) + ": " + e.getMessage(), e);
            }
            if (labels.size() != spec.classes()) {
                throw new ModelLoadException("model " + descriptor.name() + " has " + spec.classes()
                        + " classes but " + labels.size() + " labels");
            }
        } else {
            labels = new ArrayList<>();
            for (int c = 0; c < spec.classes(); c++) {
                labels.add(String.valueOf(c));
            }
        }
        return new ClassifierIdentifier(spec, labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] logits(ProbePass pass, int face) {
        return pass.output(face, spec.output());
    }

    @Override
    public float[] probabilities(float[] logits) {
        return Softmax.of(logits, (float) spec.scale());
    }

    @Override
    public Heatmap map(ProbePass pass, int face, int classIndex) {
        return pass.logitMap(face, spec.output(), classIndex);
    }
}
