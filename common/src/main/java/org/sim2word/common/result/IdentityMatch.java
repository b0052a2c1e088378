package org.sim2word.common.result;

/**
 * One identity class of the identification net.
 *
 * @param index       the class index
 * @param label       the class's name, e.g. the gallery identity
 * @param logit       the score the Grad-CAM target uses (a logit, or a cosine for a cosine classifier)
 * @param probability softmax probability over all classes (scaled cosines for a cosine classifier)
 */
public record IdentityMatch(int index, String label, double logit, double probability) {
}
