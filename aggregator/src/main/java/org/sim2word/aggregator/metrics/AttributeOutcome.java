package org.sim2word.aggregator.metrics;

/**
 * What erasing one attribute of the probe face did in one direction.
 *
 * @param attribute the attribute's name, e.g. "Gender"
 * @param word      the word shown for it, e.g. "Female"
 * @param eligible  whether the method may rank it (method §2.9)
 * @param score     s_i: the erased probe against the original counter face (cosine)
 */
public record AttributeOutcome(String attribute, String word, boolean eligible, double score) {

    /** Ranked: eligible, with a score that is a number (a NaN score comes from a broken erasure). */
    public boolean rankable() {
        return eligible && Double.isFinite(score);
    }
}
