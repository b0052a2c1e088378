package org.sim2word.aggregator.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cosines are chosen where 1 − arccos(s)/π is exact: −1 → 0, −0.5 → 1/3, 0 → 1/2, 0.5 → 2/3, 1 → 1. */
class VerificationScoresTest {
    private static final double EPS = 1e-12;

    @Test
    void nonMatedAfterIsTheBestEligibleErasure() {
        PairOutcome pair = new PairOutcome(false, List.of(direction(0.0,
                new AttributeOutcome("Gender", "Male", true, 0.5),
                new AttributeOutcome("Smiling", "Smiling", false, 1.0),     // not eligible: ignored
                new AttributeOutcome("Bald", "Bald", true, Double.NaN),     // broken erasure: ignored
                new AttributeOutcome("Age", "Young", true, -0.5))));

        VerificationScores scores = VerificationScores.of(List.of(pair));

        assertArrayEquals(new double[] {0.5}, scores.before(), EPS);
        assertArrayEquals(new double[] {2.0 / 3}, scores.after(), EPS);
    }

    @Test
    void nonMatedAfterIsNeverBelowTheOriginal() {
        PairOutcome allWorse = new PairOutcome(false, List.of(direction(0.5,
                new AttributeOutcome("Gender", "Male", true, 0.0))));
        PairOutcome noneEligible = new PairOutcome(false, List.of(direction(-0.5,
                new AttributeOutcome("Bald", "Bald", false, 1.0))));
        PairOutcome noAttributes = new PairOutcome(false, List.of(direction(0.0)));

        VerificationScores scores = VerificationScores.of(List.of(allWorse, noneEligible, noAttributes));

        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0.5}, scores.after(), EPS);
        assertArrayEquals(scores.before(), scores.after(), EPS);
    }

    @Test
    void matedPairsKeepTheOriginalAfterErasure() {
        PairOutcome mated = new PairOutcome(true, List.of(direction(0.0,
                new AttributeOutcome("Gender", "Male", true, 1.0))));

        VerificationScores scores = VerificationScores.of(List.of(mated));

        assertArrayEquals(new double[] {0.5}, scores.after(), EPS);
    }

    @Test
    void everyDirectionIsOneEntryAndBeforeIsRepeatedForIt() {
        PairOutcome pair = new PairOutcome(false, List.of(
                direction(-0.5, new AttributeOutcome("Gender", "Male", true, 0.5)),
                direction(-0.5, new AttributeOutcome("Gender", "Female", true, -1.0))));
        PairOutcome mated = new PairOutcome(true, List.of(direction(1.0), direction(1.0)));

        VerificationScores scores = VerificationScores.of(List.of(pair, mated));

        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1, 1}, scores.before(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 1, 1}, scores.after(), EPS);
        assertArrayEquals(new boolean[] {false, false, true, true}, scores.mated());
        assertEquals(1, scores.matedPairs());
        assertEquals(1, scores.nonMatedPairs());
    }

    @Test
    void aDirectionWithoutAnOriginalSimilarityLeavesBothSets() {
        PairOutcome half = new PairOutcome(false, List.of(direction(Double.NaN), direction(0.0)));
        PairOutcome none = new PairOutcome(true, List.of(direction(Double.NaN)));

        VerificationScores scores = VerificationScores.of(List.of(half, none));

        assertArrayEquals(new double[] {0.5}, scores.before(), EPS);
        assertArrayEquals(new double[] {0.5}, scores.after(), EPS);
        assertEquals(2, scores.skipped());
        assertEquals(0, scores.matedPairs());  // its only direction was skipped: it did not enter the ROCs
        assertEquals(1, scores.nonMatedPairs());
    }

    @Test
    void cosinesJustOutsideTheUnitRangeAreClampedNotLost() {
        PairOutcome mated = new PairOutcome(true, List.of(direction(1.0 + 1e-9)));

        assertArrayEquals(new double[] {1.0}, VerificationScores.of(List.of(mated)).before(), EPS);
    }

    @Test
    void curvesUseTheSameEntries() {
        PairOutcome mated = new PairOutcome(true, List.of(direction(0.5), direction(0.5)));
        PairOutcome nonMated = new PairOutcome(false, List.of(
                direction(0.0, new AttributeOutcome("Gender", "Male", true, 1.0)), direction(0.0)));

        VerificationScores scores = VerificationScores.of(List.of(mated, nonMated));

        assertEquals(1.0, scores.rocBefore().auc(), EPS);
        // After: mated 2/3, 2/3 against non-mated 1 and 1/2: each mated entry beats one of the two.
        assertEquals(0.5, scores.rocAfter().auc(), EPS);
    }

    static DirectionOutcome direction(double s0, AttributeOutcome... attributes) {
        return new DirectionOutcome(s0, List.of(attributes));
    }
}
