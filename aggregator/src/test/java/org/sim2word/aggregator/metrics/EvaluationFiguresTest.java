package org.sim2word.aggregator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sim2word.aggregator.ExampleEvaluation;
import org.sim2word.aggregator.ExampleEvaluation.ExpectedWord;

class EvaluationFiguresTest {
    private static final double EPS = 1e-12;

    @Test
    void exampleEvaluationMatchesTheHandComputedFigures() {
        EvaluationFigures figures = EvaluationFigures.of(ExampleEvaluation.outcomes(true));

        assertEquals(3, figures.matedPairs());
        assertEquals(3, figures.nonMatedPairs());
        assertEquals(ExampleEvaluation.AUC_BEFORE, figures.aucBefore(), EPS);
        assertEquals(ExampleEvaluation.AUC_AFTER, figures.aucAfter(), EPS);
        assertTrue(figures.aucAfter() < figures.aucBefore(), "erasing the most attribute should hurt verification");
        assertNull(figures.aucUndefinedReason());
        assertTable(ExampleEvaluation.TPR_BEFORE, figures.tprBefore());
        assertTable(ExampleEvaluation.TPR_AFTER, figures.tprAfter());
        List<ExpectedWord> expected = ExampleEvaluation.TOP_ATTRIBUTES;
        assertEquals(expected.size(), figures.topAttributes().size());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedWord e = expected.get(i);
            TopAttribute a = figures.topAttributes().get(i);
            assertEquals(new TopAttribute(i + 1, e.attribute(), e.word(), e.mostCount(), e.top5Count(),
                    a.meanDelta()), a);
            assertEquals(e.meanDelta(), a.meanDelta(), EPS, a.toString());
        }
    }

    @Test
    void withoutItsLastPairTheExampleStillHasAnAuc() {
        EvaluationFigures figures = EvaluationFigures.of(ExampleEvaluation.outcomes(false));

        assertEquals(ExampleEvaluation.LIVE_AUC_BEFORE, figures.aucBefore(), EPS);
        assertEquals(2, figures.nonMatedPairs());
    }

    @Test
    void onlyMatedPairsGiveNullAucsWithAReason() {
        PairOutcome mated = new PairOutcome(true, List.of(VerificationScoresTest.direction(0.7)));

        EvaluationFigures figures = EvaluationFigures.of(List.of(mated));

        assertNull(figures.aucBefore());
        assertNull(figures.aucAfter());
        assertEquals("A verification ROC needs scored mated and non-mated pairs, and no non-mated pair has scores.",
                figures.aucUndefinedReason());
        figures.tprBefore().values().forEach(tpr -> assertNull(tpr));
    }

    @Test
    void reasonsForEachMissingClass() {
        assertNull(EvaluationFigures.aucUndefinedReason(1, 1));
        assertTrue(EvaluationFigures.aucUndefinedReason(0, 4).contains("no mated pair"));
        assertTrue(EvaluationFigures.aucUndefinedReason(0, 0).contains("no pair"));
    }

    private static void assertTable(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((key, tpr) -> assertEquals(tpr, actual.get(key), EPS, "TPR at FPR " + key));
    }
}
