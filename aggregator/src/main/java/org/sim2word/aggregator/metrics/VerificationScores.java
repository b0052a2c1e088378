package org.sim2word.aggregator.metrics;

import java.util.Arrays;
import java.util.List;
import org.sim2word.common.result.Similarity;

/**
 * The two score sets of the "before / after erasing the most representative attribute" ROCs (method §4.2), built
 * on one multiset of entries as §6.11 asks: one entry per pair and explained direction, carrying the pair's label.
 * <ul>
 *   <li>before: the direction's original similarity s0;</li>
 *   <li>after, non-mated pair: m = the largest s_i over the rankable attributes of that direction, but at least s0
 *       (erasing can only be credited when it made the faces more alike); m = s0 when none is rankable;</li>
 *   <li>after, mated pair: s0, since nothing is erased for mated pairs.</li>
 * </ul>
 * Scores are angular similarities 1 − arccos(s)/π. A direction whose s0 is not a number gives no entry in either
 * set, so both ROCs always see the same entries.
 *
 * @param before        per entry, the angular similarity before erasure
 * @param after         per entry, the angular similarity after erasing the most representative attribute
 * @param mated         per entry, the pair's label
 * @param matedPairs    mated pairs with at least one entry
 * @param nonMatedPairs non-mated pairs with at least one entry
 * @param skipped       directions left out because their s0 was not a number
 */
public record VerificationScores(double[] before, double[] after, boolean[] mated, int matedPairs,
                                 int nonMatedPairs, int skipped) {

    public static VerificationScores of(List<PairOutcome> pairs) {
        int entries = 0;
        for (PairOutcome pair : pairs) {
            entries += pair.directions().size();
        }
        double[] before = new double[entries];
        double[] after = new double[entries];
        boolean[] mated = new boolean[entries];
        int n = 0;
        int matedPairs = 0;
        int nonMatedPairs = 0;
        int skipped = 0;
        for (PairOutcome pair : pairs) {
            int fromThisPair = 0;
            for (DirectionOutcome direction : pair.directions()) {
                if (!Double.isFinite(direction.s0())) {
                    skipped++;
                    continue;
                }
                before[n] = Similarity.angular(direction.s0());
                after[n] = Similarity.angular(pair.mated() ? direction.s0() : mostRepresentative(direction));
                mated[n] = pair.mated();
                n++;
                fromThisPair++;
            }
            if (fromThisPair > 0) {
                if (pair.mated()) {
                    matedPairs++;
                } else {
                    nonMatedPairs++;
                }
            }
        }
        return new VerificationScores(Arrays.copyOf(before, n), Arrays.copyOf(after, n),
                Arrays.copyOf(mated, n), matedPairs, nonMatedPairs, skipped);
    }

    private static double mostRepresentative(DirectionOutcome direction) {
        double m = direction.s0();
        for (AttributeOutcome attribute : direction.attributes()) {
            if (attribute.rankable()) {
                m = Math.max(m, attribute.score());
            }
        }
        return m;
    }

    public RocCurve rocBefore() {
        return RocCurve.of(before, mated);
    }

    public RocCurve rocAfter() {
        return RocCurve.of(after, mated);
    }
}
