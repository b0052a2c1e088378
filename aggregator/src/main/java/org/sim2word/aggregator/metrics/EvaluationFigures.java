package org.sim2word.aggregator.metrics;

import java.util.List;
import java.util.Map;

/**
 * Every figure of an evaluation summary, computed from the scores of its succeeded pairs.
 *
 * @param matedPairs         mated pairs whose scores entered the ROCs
 * @param nonMatedPairs      non-mated pairs whose scores entered the ROCs
 * @param aucBefore          verification ROC AUC on s0; null when undefined
 * @param aucAfter           the same after erasing the most representative attribute; null when undefined
 * @param aucUndefinedReason why both AUCs are null; null when they are defined
 * @param tprBefore          {@link TprAtFpr} of the "before" curve
 * @param tprAfter           {@link TprAtFpr} of the "after" curve
 * @param topAttributes      {@link TopAttributes} of the non-mated pairs
 */
public record EvaluationFigures(int matedPairs, int nonMatedPairs, Double aucBefore, Double aucAfter,
                                String aucUndefinedReason, Map<String, Double> tprBefore,
                                Map<String, Double> tprAfter, List<TopAttribute> topAttributes) {

    public static EvaluationFigures of(List<PairOutcome> pairs) {
        VerificationScores scores = VerificationScores.of(pairs);
        RocCurve before = scores.rocBefore();
        RocCurve after = scores.rocAfter();
        return new EvaluationFigures(scores.matedPairs(), scores.nonMatedPairs(), before.auc(), after.auc(),
                aucUndefinedReason(scores.matedPairs(), scores.nonMatedPairs()), TprAtFpr.of(before),
                TprAtFpr.of(after), TopAttributes.of(pairs));
    }

    /**
     * Why an evaluation with these scored pairs has no AUC, in words for its reader; null when it has one. Both
     * curves share one set of entries, so one reason covers both, and it can be told again from stored counts.
     */
    public static String aucUndefinedReason(int matedPairs, int nonMatedPairs) {
        if (matedPairs > 0 && nonMatedPairs > 0) {
            return null;
        }
        String missing = matedPairs == 0 && nonMatedPairs == 0 ? "no pair has"
                : matedPairs == 0 ? "no mated pair has" : "no non-mated pair has";
        return "A verification ROC needs scored mated and non-mated pairs, and " + missing + " scores.";
    }
}
