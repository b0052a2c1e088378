package org.sim2word.aggregator.uncertainty;

/**
 * One row of the view {@code uncertainty_by_word}: how one word figured in the identifications explained with one
 * uncertainty model (method §4.5).
 *
 * @param substitute  whether u came from the labelled stand-in over the identification net's class scores rather
 *                    than an evidential net
 * @param faces       succeeded identifications in which the word was scored
 * @param selected    of those, how many put it on the chart (eligible and confident)
 * @param rankedFirst of those, how many ranked it first: its erasure raised the uncertainty most
 * @param meanDelta   mean rise of u when its region was erased
 * @param meanRank    mean rank, 1 being first
 */
public record WordUncertainty(String word, String uncertaintyModel, boolean substitute, long faces, long selected,
                              long rankedFirst, double meanDelta, double meanRank) {
}
