package org.sim2word.aggregator.metrics;

/**
 * One operating point of a verification ROC: accepting every entry whose score is at least {@code threshold}
 * accepts the fraction {@code tpr} of the mated entries and {@code fpr} of the non-mated ones.
 */
public record RocPoint(double fpr, double tpr, double threshold) {
}
