package org.sim2word.worker.model;

import java.util.List;
import org.sim2word.worker.engine.Heatmap;

/**
 * The identification net R's classes for a face, read from the face's {@link ProbePass}: either the net's own
 * classifier ({@link ClassifierIdentifier}) or a cosine classifier over enrolled faces ({@link IdentityGallery}).
 */
public interface Identifier {

    /** Class names, in class order. */
    List<String> labels();

    /** The Grad-CAM target value of every class for one face of the pass: a logit, or a cosine. */
    float[] logits(ProbePass pass, int face);

    /** Class probabilities for those logits. */
    float[] probabilities(float[] logits);

    /** Grad-CAM of class {@code classIndex} on one face of the pass, normalised, at the layer's resolution. */
    Heatmap map(ProbePass pass, int face, int classIndex);
}
