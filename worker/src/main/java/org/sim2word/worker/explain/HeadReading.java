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
     * Every attribute of one face: the heads of the attribute models, then the landmark attributes (when a landmark
     * model is in use) of the largest face the finder sees on the canvas (docs/attributes.md).
     *
     * @param unreadModels attribute models that could not read the face, so that their words are missing: the
     *                     landmark model when the finder sees no face on the aligned canvas
     */
    record Readings(List<HeadReading> heads, List<String> unreadModels) {

        static Readings of(List<ProbeNet> nets, FaceFinder landmarks, ProbePasses passes, int face, FaceImage canvas) {
            List<HeadReading> heads = new ArrayList<>(HeadReading.of(nets, passes, face, canvas.width(),
                    canvas.height()));
            if (landmarks == null) {
                return new Readings(List.copyOf(heads), List.of());
            }
            List<DetectedFace> found = landmarks.find(canvas);
            String model = landmarks.landmarkModel().name();
            if (found.isEmpty()) {
                return new Readings(List.copyOf(heads), List.of(model));
            }
            LandmarkAttributes.of(found.get(0), canvas.width(), canvas.height()).forEach(a -> heads.add(
                    new HeadReading(a.attribute(), a.word(), model, a.classIndex(), a.probability(), a.eligible(),
                            a.regionMap())));
            return new Readings(List.copyOf(heads), List.of());
        }
    }

    /** Every head of every attribute model, in the models' order, for face {@code face} of the passes. */
    private static List<HeadReading> of(List<ProbeNet> nets, ProbePasses passes, int face, int width, int height) {
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
