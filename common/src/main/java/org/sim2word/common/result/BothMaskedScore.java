package org.sim2word.common.result;

/**
 * cos(V(a erased by its mask i), V(b erased by its mask i)) (method §2.9).
 *
 * @param eligible eligible in either face, as the original top-5 figure counts it
 */
public record BothMaskedScore(String attribute, double score, double angular, boolean eligible) {
}
