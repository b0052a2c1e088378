package org.sim2word.common.result;

/**
 * One attribute of the probe face and what erasing it did.
 *
 * @param attribute      the attribute's name, e.g. "Gender" or "Smiling"
 * @param word           the word shown to users: the class word for categorical attributes ("Female"), the
 *                       attribute's name for yes/no attributes
 * @param model          the attribute model the attribute came from
 * @param classIndex     the predicted (argmax) class
 * @param probability    its probability
 * @param eligible       categorical, or yes/no predicted present (method §2.9)
 * @param score          s_i = cos(V(probe erased), V(counter))
 * @param selfScore      cos(V(probe erased), V(probe))
 * @param erasedFraction share of the probe's pixels the mask erased
 */
public record AttributeScore(
        String attribute,
        String word,
        String model,
        int classIndex,
        double probability,
        boolean eligible,
        double score,
        double selfScore,
        double erasedFraction) {

    /** A mask that erases nothing leaves s_i = s0, which says nothing about the attribute (method §6.3). */
    public boolean erasedNothing() {
        return erasedFraction == 0.0;
    }
}
