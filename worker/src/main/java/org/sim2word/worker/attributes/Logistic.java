package org.sim2word.worker.attributes;

/**
 * P(present) of a geometric attribute from its measurement x: 1 / (1 + exp(−(x − midpoint) / spread)). The
 * midpoint is the measurement at which the attribute is as likely present as not; a negative spread makes small
 * measurements mean present (narrow eyes). The calibration of each attribute is explained in docs/attributes.md.
 */
public record Logistic(double midpoint, double spread) {
    public Logistic {
        if (spread == 0 || !Double.isFinite(spread) || !Double.isFinite(midpoint)) {
            throw new IllegalArgumentException("a logistic needs a finite midpoint and a non-zero spread");
        }
    }

    public double probability(double x) {
        return 1 / (1 + Math.exp(-(x - midpoint) / spread));
    }
}
