package org.sim2word.worker.model;

import java.util.List;
import org.sim2word.common.result.UncertaintyMethod;
import org.sim2word.worker.engine.Evidence;
import org.sim2word.worker.engine.FaceImage;

/**
 * The labelled substitute for an evidential net, used when none is installed: the evidential formula applied to
 * the identification net's own class scores (its logits, or its cosines to the enrolled gallery). It was not
 * trained to be calibrated; it rises, as u does, when erasure weakens the evidence for every identity.
 */
public final class IdentifierEvidence implements UncertaintyNet {
    private final ProbeNet net;
    private final Identifier identifier;
    private final int maxBatch;

    public IdentifierEvidence(ProbeNet net, Identifier identifier, int maxBatch) {
        this.net = net;
        this.identifier = identifier;
        this.maxBatch = maxBatch;
    }

    @Override
    public double[] uncertainties(List<FaceImage> faces, double lambda) {
        double[] u = new double[faces.size()];
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<FaceImage> chunk = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            try (ProbePass pass = net.probe(chunk)) {
                for (int i = 0; i < chunk.size(); i++) {
                    u[start + i] = Evidence.uncertainty(identifier.logits(pass, i), lambda);
                }
            }
        }
        return u;
    }

    @Override
    public UncertaintyMethod method() {
        return new UncertaintyMethod(net.descriptor().name(), true, "substitute: the evidential formula "
                + "u = K / Σ(λ·ReLU(z) + 1) over the " + identifier.labels().size() + " class scores z of "
                + net.descriptor().name() + "; no trained evidential net was used");
    }
}
