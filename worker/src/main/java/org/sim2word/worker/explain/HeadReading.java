package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.engine.Softmax;
import org.sim2word.worker.model.ModelDescriptor;
import org.sim2word.worker.model.ProbeNet;
import org.sim2word.worker.model.ProbePass;

/**
 * One attribute head read on one face: its predicted class, the word for it, whether it may be ranked, and the
 * Grad-CAM map of that class at canvas size (method §2.6).
 */
record HeadReading(String attribute, String word, String model, int classIndex, double probability,
                   boolean eligible, Heatmap map) {

    /** Every head of every attribute model, in the models' order, for face {@code face} of the passes. */
    static List<HeadReading> of(List<ProbeNet> nets, Map<ProbeNet, ProbePass> passes, int face, int width,
                                int height) {
        List<HeadReading> readings = new ArrayList<>();
        for (ProbeNet net : nets) {
            ProbePass pass = passes.get(net);
            for (ModelDescriptor.Head head : net.descriptor().heads()) {
                float[] probabilities = Softmax.of(pass.output(face, head.output()), 1f);
                int c = Softmax.argmax(probabilities);
                readings.add(new HeadReading(head.attribute(), head.word(c), net.descriptor().name(), c,
                        probabilities[c], head.eligible(c), pass.logitMap(face, head.output(), c).resize(width, height)));
            }
        }
        return readings;
    }
}
