package org.sim2word.common.result;

/**
 * One attribute of the face and the uncertainty its erasure left.
 *
 * @param attribute      the attribute's name
 * @param word           the word shown to users (the class word of categorical attributes)
 * @param model          the attribute model it came from
 * @param classIndex     the predicted class
 * @param probability    its probability
 * @param eligible       categorical, or yes/no predicted present
 * @param selected       eligible and predicted with a probability above the confidence option: shown on the chart
 * @param uncertainty    u of the face with this attribute's region erased
 * @param delta          uncertainty − u of the original face
 * @param erasedFraction share of the face's pixels the mask erased
 * @param rank           position among all attributes by uncertainty, highest first (1-based)
 */
public record AttributeUncertainty(
        String attribute,
        String word,
        String model,
        int classIndex,
        double probability,
        boolean eligible,
        boolean selected,
        double uncertainty,
        double delta,
        double erasedFraction,
        int rank) {
}
