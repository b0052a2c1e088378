package org.sim2word.aggregator.metrics;

/**
 * How often one attribute word explained the non-mated pairs of an evaluation (method §4.3–4.4).
 *
 * @param rank      1 for the word that was most often the most representative
 * @param attribute the attribute's name
 * @param word      the word shown for it
 * @param mostCount non-mated directions where it ranked first and was valid (s_i &gt; s0)
 * @param top5Count non-mated directions where it was among the first five of the ranking
 * @param meanDelta mean s_i − s0 (cosine) over the non-mated directions where it was rankable
 */
public record TopAttribute(int rank, String attribute, String word, int mostCount, int top5Count,
                           double meanDelta) {
}
