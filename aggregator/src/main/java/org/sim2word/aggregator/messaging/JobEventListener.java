package org.sim2word.aggregator.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.sim2word.aggregator.summary.SummaryService;
import org.sim2word.common.json.Json;
import org.sim2word.common.messaging.JobEvent;

/**
 * Consumes {@code Topics.JOB_EVENTS} in group {@code Topics.AGGREGATOR_GROUP} (channel "job-events" in
 * application.properties). An event that cannot be read or acted on is logged and skipped rather than retried: it
 * only says that something changed, and the sweep finds the evaluation again from the database.
 */
@ApplicationScoped
public class JobEventListener {
    private final SummaryService summaries;

    public JobEventListener(SummaryService summaries) {
        this.summaries = summaries;
    }

    /** Blocking: reconciling reads and writes PostgreSQL; one event at a time keeps the order of the partition. */
    @Incoming("job-events")
    @Blocking
    public void onJobEvent(String json) {
        summaries.onJobEvent(Json.read(json, JobEvent.class));
    }
}
