package org.sim2word.worker.explain;

import java.util.List;
import org.sim2word.common.result.ModelRef;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.model.Identifier;
import org.sim2word.worker.model.ProbeNet;
import org.sim2word.worker.model.UncertaintyNet;

/**
 * The roles of an identification job (method §4.5): identification net R with its identifier, attribute nets A and
 * the uncertainty model E (or its labelled substitute).
 *
 * @param refs the models with their checksums, as the result records them
 */
public record IdentificationModels(ProbeNet identification, Identifier identifier, List<ProbeNet> attributes,
                                   FaceFinder landmarks, UncertaintyNet uncertainty, List<ModelRef> refs) {

    public IdentificationModels {
        attributes = List.copyOf(attributes);
        refs = List.copyOf(refs);
    }
}
