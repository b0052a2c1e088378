package org.sim2word.worker.explain;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.model.ProbeNet;
import org.sim2word.worker.model.ProbePass;

/**
 * One recorded forward of a batch of faces per distinct model: when the identification net is also an attribute
 * net, both roles read the same pass. Closing frees every pass.
 */
final class ProbePasses implements AutoCloseable {
    private final Map<ProbeNet, ProbePass> passes;

    private ProbePasses(Map<ProbeNet, ProbePass> passes) {
        this.passes = passes;
    }

    static ProbePasses open(ProbeNet identification, List<ProbeNet> attributes, List<FaceImage> faces) {
        Map<ProbeNet, ProbePass> passes = new IdentityHashMap<>();
        try {
            passes.put(identification, identification.probe(faces));
            for (ProbeNet net : attributes) {
                passes.computeIfAbsent(net, n -> n.probe(faces));
            }
            return new ProbePasses(passes);
        } catch (RuntimeException e) {
            passes.values().forEach(ProbePass::close);
            throw e;
        }
    }

    ProbePass of(ProbeNet net) {
        return passes.get(net);
    }

    @Override
    public void close() {
        passes.values().forEach(ProbePass::close);
    }
}
