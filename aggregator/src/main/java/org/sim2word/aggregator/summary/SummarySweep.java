package org.sim2word.aggregator.summary;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Periodically repairs what events cannot: an evaluation completed while the aggregator was down, or whose last
 * event was lost. Interval: {@code sim2word.aggregator.sweep-interval} ("off" disables it).
 */
@ApplicationScoped
public class SummarySweep {
    private static final Logger LOG = Logger.getLogger(SummarySweep.class);

    private final SummaryService summaries;

    public SummarySweep(SummaryService summaries) {
        this.summaries = summaries;
    }

    @Scheduled(identity = "summary-sweep", every = "${sim2word.aggregator.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        int reconciled = summaries.sweep();
        if (reconciled > 0) {
            LOG.infof("Sweep brought %d evaluation summaries up to date", reconciled);
        }
    }
}
