package org.sim2word.aggregator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected curves are worked out by hand from the definition; every AUC is also the Mann–Whitney probability that
 * a mated entry outscores a non-mated one (ties count one half), which checks the trapezoids independently.
 */
class RocCurveTest {
    private static final double EPS = 1e-12;

    @Test
    void interleavedScoresGiveAStaircase() {
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {true, false, true, false});

        assertPoints(List.of(
                new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(0, 0.5, 0.9), new RocPoint(0.5, 0.5, 0.8),
                new RocPoint(0.5, 1, 0.7), new RocPoint(1, 1, 0.6)), roc);
        assertEquals(0.75, roc.auc(), EPS); // 3 of the 4 mated/non-mated comparisons won
    }

    @Test
    void equalStepsOnAVerticalRunAreDropped() {
        // Candidates (fp, tp): (0,1) (0,2) (0,3) (1,3); (0,2) has zero second differences on both axes.
        RocCurve roc = RocCurve.of(new double[] {4, 3, 2, 1}, new boolean[] {true, true, true, false});

        assertPoints(List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(0, 1.0 / 3, 4),
                new RocPoint(0, 1, 2), new RocPoint(1, 1, 1)), roc);
        assertEquals(1.0, roc.auc(), EPS);
    }

    @Test
    void equalStepsOnAHorizontalRunAreDropped() {
        // Candidates (fp, tp): (0,1) (1,1) (2,1) (3,1) (3,2): the two inside the horizontal run go.
        RocCurve roc = RocCurve.of(new double[] {5, 4, 3, 2, 1}, new boolean[] {true, false, false, false, true});

        assertPoints(List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(0, 0.5, 5),
                new RocPoint(1, 0.5, 2), new RocPoint(1, 1, 1)), roc);
        assertEquals(0.5, roc.auc(), EPS); // 3 of 6 comparisons won
    }

    @Test
    void tiedScoresEnterTogetherAsADiagonal() {
        // Scores 0.5 (mated) and 0.5 (non-mated) tie: one candidate (1,2); the tie counts one half.
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});

        assertPoints(List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(0, 0.5, 0.9),
                new RocPoint(0.5, 1, 0.5), new RocPoint(1, 1, 0.1)), roc);
        assertEquals(0.875, roc.auc(), EPS); // (1 + 1 + 0.5 + 1) / 4
    }

    @Test
    void equalStepsOnADiagonalOfTiesAreDroppedToo() {
        // Candidates (fp, tp): (0,1) (1,2) (2,3) (3,3): (1,2) is midway between equal diagonal steps.
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.8, 0.8, 0.7, 0.7, 0.6},
                new boolean[] {true, true, false, true, false, false});

        assertPoints(List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(0, 1.0 / 3, 0.9),
                new RocPoint(2.0 / 3, 1, 0.7), new RocPoint(1, 1, 0.6)), roc);
        assertEquals(7.0 / 9, roc.auc(), EPS); // (3 + 2.5 + 1.5) / 9
    }

    @Test
    void allEqualScoresGiveTheChanceLine() {
        RocCurve roc = RocCurve.of(new double[] {0.7, 0.7, 0.7, 0.7}, new boolean[] {true, false, true, false});

        assertPoints(List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(1, 1, 0.7)), roc);
        assertEquals(0.5, roc.auc(), EPS);
    }

    @Test
    void entriesNeedNotBeSorted() {
        RocCurve roc = RocCurve.of(new double[] {0.6, 0.9, 0.7, 0.8}, new boolean[] {false, true, true, false});

        assertEquals(0.75, roc.auc(), EPS);
    }

    @Test
    void perfectAndReversedSeparation() {
        assertEquals(1.0, RocCurve.of(new double[] {2, 1}, new boolean[] {true, false}).auc(), EPS);
        assertEquals(0.0, RocCurve.of(new double[] {1, 2}, new boolean[] {true, false}).auc(), EPS);
    }

    @Test
    void oneClassOnlyIsUndefinedWithAReason() {
        RocCurve onlyMated = RocCurve.of(new double[] {0.9, 0.8}, new boolean[] {true, true});
        RocCurve onlyNonMated = RocCurve.of(new double[] {0.1}, new boolean[] {false});
        RocCurve empty = RocCurve.of(new double[0], new boolean[0]);

        assertFalse(onlyMated.isDefined());
        assertNull(onlyMated.auc());
        assertTrue(onlyMated.points().isEmpty());
        assertEquals("there are no non-mated entries", onlyMated.undefinedReason());
        assertEquals("there are no mated entries", onlyNonMated.undefinedReason());
        assertEquals("there are no scored entries", empty.undefinedReason());
    }

    @Test
    void definedCurveHasNoReason() {
        assertNull(RocCurve.of(new double[] {2, 1}, new boolean[] {true, false}).undefinedReason());
    }

    @Test
    void nonFiniteScoresAreRefusedLikeScikitLearnDoes() {
        assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.5, Double.NaN}, new boolean[] {true, false}));
        assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new double[] {0.5, Double.POSITIVE_INFINITY}, new boolean[] {true, false}));
    }

    @Test
    void labelsMustMatchScores() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {0.5}, new boolean[0]));
    }

    private static void assertPoints(List<RocPoint> expected, RocCurve roc) {
        List<RocPoint> actual = roc.points();
        assertEquals(expected.size(), actual.size(), () -> "points: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            RocPoint e = expected.get(i);
            RocPoint a = actual.get(i);
            String where = "point " + i + " of " + actual;
            assertEquals(e.fpr(), a.fpr(), EPS, where);
            assertEquals(e.tpr(), a.tpr(), EPS, where);
            assertEquals(e.threshold(), a.threshold(), EPS, where);
        }
    }
}
