package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.List;
import org.sim2word.worker.align.DetectedFace;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.attributes.LandmarkAttributes;
import org.sim2word.worker.engine.FaceImage;
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

    /**
     * The landmark attributes of the largest face the finder sees on the canvas (docs/attributes.md); none when it
     * finds no face there.
     */
    static List<HeadReading> landmarks(FaceFinder finder, FaceImage canvas) {
        if (finder == null) {
            return List.of();
        }
        List<DetectedFace> faces = finder.find(canvas);
        if (faces.isEmpty()) {
            return List.of();
        }
        String model = finder.landmarkModel().name();
        return LandmarkAttributes.of(faces.get(0), canvas.width(), canvas.height()).stream()
                .map(a -> new HeadReading(a.attribute(), a.word(), model, a.classIndex(), a.probability(),
                        a.eligible(), a.regionMap()))
                .toList();
    }

    /** Every head of every attribute model, in the models' order, for face {@code face} of the passes. */
    static List<HeadReading> of(List<ProbeNet> nets, ProbePasses passes, int face, int width, int height) {
        List<HeadReading> readings = new ArrayList<>();
        for (ProbeNet net : nets) {
            ProbePass pass = passes.of(net);
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
