package org.sim2word.aggregator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TprAtFprTest {
    private static final double EPS = 1e-12;

    /** Points (0,0) (0,1/3) (2/3,1) (1,1): the candidate (1/3,2/3) was dropped as intermediate. */
    private static final RocCurve DIAGONAL_OF_TIES = RocCurve.of(new double[] {0.9, 0.8, 0.8, 0.7, 0.7, 0.6},
            new boolean[] {true, true, false, true, false, false});

    @Test
    void keysArePlainDecimalsInTargetOrder() {
        Map<String, Double> table = TprAtFpr.of(DIAGONAL_OF_TIES);

        assertEquals(List.of("0.000001", "0.00001", "0.0001", "0.001", "0.01", "0.1", "0.2", "0.4", "0.6", "0.8",
                "1"), new ArrayList<>(table.keySet()));
    }

    @Test
    void nearestPointWithTiesGoingToTheLargestTpr() {
        Map<String, Double> table = TprAtFpr.of(DIAGONAL_OF_TIES);

        // FPR 0 holds two points (TPR 0 and 1/3): the larger wins for every target nearer 0 than 2/3.
        assertEquals(1.0 / 3, table.get("0.000001"), EPS);
        assertEquals(1.0 / 3, table.get("0.1"), EPS);
        // 0.2 is nearer 0 than 2/3; with the dropped point (1/3, 2/3) kept it would have read 2/3.
        assertEquals(1.0 / 3, table.get("0.2"), EPS);
        assertEquals(1.0, table.get("0.4"), EPS);
        assertEquals(1.0, table.get("0.6"), EPS);
        assertEquals(1.0, table.get("1"), EPS);
    }

    @Test
    void equallyNearPointsOnEitherSideGiveTheLargerTpr() {
        // Points (0,0) (0,0.5) (0.5,0.5) (0.5,1) (1,1); 0.25 is exactly midway between FPR 0 and 0.5.
        RocCurve staircase = RocCurve.of(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {true, false, true, false});

        assertEquals(1.0, TprAtFpr.at(staircase, 0.25), EPS);
        assertEquals(0.5, TprAtFpr.at(staircase, 0.2), EPS);
    }

    @Test
    void undefinedCurveGivesNullsForEveryTarget() {
        Map<String, Double> table = TprAtFpr.of(RocCurve.of(new double[] {0.5}, new boolean[] {true}));

        assertEquals(TprAtFpr.TARGETS.size(), table.size());
        table.values().forEach(tpr -> assertNull(tpr));
    }
}
