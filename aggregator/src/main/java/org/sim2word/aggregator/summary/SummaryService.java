package org.sim2word.aggregator.summary;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.sim2word.aggregator.metrics.EvaluationFigures;
import org.sim2word.common.messaging.JobEvent;

/**
 * Keeps the stored summaries in line with the jobs and serves summaries. A summary is stored exactly while every
 * job of its evaluation is final; the database, not the events, decides that, so events may come twice, late or
 * out of order.
 */
@ApplicationScoped
public class SummaryService {
    private static final Logger LOG = Logger.getLogger(SummaryService.class);

    private final Transactions transactions;
    private final SummaryRepository repository;

    public SummaryService(Transactions transactions, SummaryRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    /** A job changed state: if it belongs to an evaluation, bring that evaluation's summary up to date. */
    public void onJobEvent(JobEvent event) {
        if (event.evaluationId() != null) {
            reconcile(event.evaluationId());
        }
    }

    /**
     * Stores the summary of a complete evaluation (replacing any earlier one) or removes the summary of one that
     * is no longer complete. Idempotent.
     */
    public void reconcile(UUID evaluationId) {
        transactions.inTransaction("update the summary of evaluation " + evaluationId,
                connection -> reconcile(connection, evaluationId));
    }

    /**
     * Reconciles every evaluation whose summary is out of step with its jobs, which covers events that were lost
     * or sent while the aggregator was down.
     *
     * @return how many evaluations were reconciled
     */
    public int sweep() {
        List<UUID> outOfStep = transactions.inTransaction("find evaluations whose summary is out of step",
                repository::outOfStep);
        int reconciled = 0;
        for (UUID evaluationId : outOfStep) {
            try {
                reconcile(evaluationId);
                reconciled++;
            } catch (RuntimeException e) {
                // One evaluation that cannot be summarised must not keep the others waiting; the next sweep retries.
                LOG.errorf(e, "Could not reconcile the summary of evaluation %s", evaluationId);
            }
        }
        return reconciled;
    }

    /**
     * The stored summary of a complete evaluation, or one computed now from the scores so far.
     *
     * @throws EvaluationNotFoundException when there is no such evaluation
     */
    public EvaluationSummary summary(UUID evaluationId) {
        return transactions.inTransaction("read the summary of evaluation " + evaluationId, connection -> {
            EvaluationProgress progress = repository.progress(connection, evaluationId)
                    .orElseThrow(() -> new EvaluationNotFoundException(evaluationId));
            if (progress.isComplete()) {
                Optional<EvaluationSummary> stored = repository.storedSummary(connection, evaluationId);
                if (stored.isPresent()) {
                    return stored.get();
                }
                // Complete, but the event that completed it has not been handled yet: store it now, not later.
                Optional<EvaluationSummary> fresh = reconcile(connection, evaluationId);
                if (fresh.isPresent()) {
                    return fresh.get();
                }
            }
            EvaluationFigures figures = EvaluationFigures.of(repository.outcomes(connection, evaluationId));
            return EvaluationSummary.of(evaluationId, false, progress, figures, Instant.now());
        });
    }

    /** @return the stored summary when the evaluation is complete */
    private Optional<EvaluationSummary> reconcile(Connection connection, UUID evaluationId) throws SQLException {
        if (!repository.lock(connection, evaluationId)) {
            return Optional.empty();
        }
        EvaluationProgress progress = repository.progress(connection, evaluationId).orElseThrow();
        if (!progress.isComplete()) {
            repository.deleteSummary(connection, evaluationId);
            return Optional.empty();
        }
        EvaluationFigures figures = EvaluationFigures.of(repository.outcomes(connection, evaluationId));
        Instant computedAt = repository.storeSummary(connection, evaluationId, progress, figures);
        LOG.debugf("Stored the summary of evaluation %s: AUC %s before, %s after", evaluationId,
                figures.aucBefore(), figures.aucAfter());
        return Optional.of(EvaluationSummary.of(evaluationId, true, progress, figures, computedAt));
    }
}
