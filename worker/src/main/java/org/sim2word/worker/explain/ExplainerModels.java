package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.List;
import org.sim2word.common.result.ModelRef;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.model.Identifier;
import org.sim2word.worker.model.ModelDescriptor;
import org.sim2word.worker.model.ProbeNet;
import org.sim2word.worker.model.VerificationNet;

/**
 * The three roles of the method filled by loaded models: identification net R (with the {@link Identifier} that
 * reads its classes: its own classifier or an enrolled gallery), attribute nets A (Grad-CAM heads, and the landmark
 * attributes of the face finder when chosen) and verification net V. One model may fill several roles; a face then
 * goes through it once.
 */
public record ExplainerModels(ProbeNet identification, Identifier identifier, List<ProbeNet> attributes,
                              FaceFinder landmarks, VerificationNet verification) {

    public ExplainerModels {
        attributes = List.copyOf(attributes);
        if (attributes.isEmpty() && landmarks == null) {
            throw new IllegalArgumentException("at least one attribute model is needed");
        }
        for (ProbeNet a : attributes) {
            if (a.descriptor().heads().isEmpty()) {
                throw new IllegalArgumentException("attribute model " + a.descriptor().name() + " declares no heads");
            }
        }
    }

    /** The models with their checksums, as every result records them. */
    public List<ModelRef> refs() {
        List<ModelRef> refs = new ArrayList<>();
        refs.add(ref(ModelDescriptor.ROLE_IDENTIFICATION, identification.descriptor()));
        for (ProbeNet a : attributes) {
            refs.add(ref(ModelDescriptor.ROLE_ATTRIBUTE, a.descriptor()));
        }
        if (landmarks != null) {
            refs.add(ref(ModelDescriptor.ROLE_ATTRIBUTE, landmarks.landmarkModel()));
        }
        refs.add(ref(ModelDescriptor.ROLE_VERIFICATION, verification.descriptor()));
        return List.copyOf(refs);
    }

    private static ModelRef ref(String role, ModelDescriptor d) {
        return new ModelRef(role, d.name(), d.sha256());
    }
}
