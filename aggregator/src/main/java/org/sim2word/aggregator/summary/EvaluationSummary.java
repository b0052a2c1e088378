package org.sim2word.aggregator.summary;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sim2word.aggregator.metrics.EvaluationFigures;
import org.sim2word.aggregator.metrics.TopAttribute;

/**
 * The summary of an evaluation as the HTTP API serves it (docs/api.md).
 *
 * @param complete           true when every job is final and this is the stored summary; false for a live one
 * @param pairs              pairs in the evaluation
 * @param succeeded          jobs that succeeded so far
 * @param failed             jobs that failed so far
 * @param mated              mated pairs whose scores entered the ROCs
 * @param nonMated           non-mated pairs whose scores entered the ROCs
 * @param aucBefore          verification ROC AUC on s0; null when undefined
 * @param aucAfter           the same after erasing the most representative attribute; null when undefined
 * @param aucUndefinedReason why the AUCs are null; null when they are not
 * @param tprAtFpr           "before" and "after", each from target FPR to TPR
 * @param topAttributes      attribute words by how often they explained non-mated pairs
 * @param computedAt         when the figures were computed
 */
public record EvaluationSummary(UUID evaluationId, boolean complete, int pairs, int succeeded, int failed,
                                int mated, int nonMated, Double aucBefore, Double aucAfter,
                                String aucUndefinedReason, Map<String, Map<String, Double>> tprAtFpr,
                                List<TopAttribute> topAttributes, Instant computedAt) {

    /** The key of the TPR table of the curve before erasure. */
    public static final String BEFORE = "before";
    /** The key of the TPR table of the curve after erasure. */
    public static final String AFTER = "after";

    public static EvaluationSummary of(UUID evaluationId, boolean complete, EvaluationProgress progress,
                                       EvaluationFigures figures, Instant computedAt) {
        return new EvaluationSummary(evaluationId, complete, progress.pairCount(), progress.succeeded(),
                progress.failed(), figures.matedPairs(), figures.nonMatedPairs(), figures.aucBefore(),
                figures.aucAfter(), figures.aucUndefinedReason(), tprTables(figures), figures.topAttributes(),
                computedAt);
    }

    /** Both TPR tables under their keys, as served and as stored in evaluation_summary.tpr_at_fpr. */
    public static Map<String, Map<String, Double>> tprTables(EvaluationFigures figures) {
        Map<String, Map<String, Double>> tables = new LinkedHashMap<>();
        tables.put(BEFORE, figures.tprBefore());
        tables.put(AFTER, figures.tprAfter());
        return tables;
    }
}
