package org.sim2word.worker.attributes;

import org.sim2word.worker.engine.Heatmap;

/**
 * One attribute read off a face's landmarks, in the shape of an attribute head's result so the explainer can rank
 * it beside the Grad-CAM heads (docs/attributes.md).
 *
 * @param attribute   the attribute's name, e.g. "Mouth Open" or "Nose"
 * @param word        the word users see; for these attributes it is the name
 * @param categorical true for the face regions, which every face has and which are always ranked; false for the
 *                    yes-no attributes, ranked only when present
 * @param classIndex  0 when present (always 0 for regions), 1 when absent, as a yes-no head's predicted class
 * @param probability the probability of {@code classIndex}, as an attribute head reports its predicted class's
 *                    softmax probability: P(present) when present, 1 − P(present) when absent; for regions the
 *                    landmark model's confidence that the crop holds a face
 * @param regionMap   where on the canvas the attribute lives: a smooth mask in [0, 1] at canvas size, 1 inside
 *                    the region, falling off over a few pixels (a Gaussian-blurred polygon); the joint map is the
 *                    counterfactual map times this
 */
public record LandmarkAttribute(String attribute, String word, boolean categorical, int classIndex,
                                double probability, Heatmap regionMap) {
    /** Ranked: a region, or a yes-no attribute that is present (method §2.9). */
    public boolean eligible() {
        return categorical || classIndex == 0;
    }

    /** P(present): the probability the measurement's logistic gives (for regions, the landmark confidence). */
    public double presence() {
        return classIndex == 0 ? probability : 1 - probability;
    }
}
