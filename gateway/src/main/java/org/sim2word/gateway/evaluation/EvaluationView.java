package org.sim2word.gateway.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.sim2word.common.job.JobState;

/** The answer to {@code GET /v1/evaluations/{id}} (docs/api.md). */
public record EvaluationView(UUID id, String name, int pairCount, Instant createdAt, Progress progress,
                             List<Job> jobs, String summaryUrl) {

    /** How many of the evaluation's jobs are in each state. */
    public record Progress(long queued, long running, long succeeded, long failed) {
    }

    public record Job(UUID id, int pairIndex, int label, JobState state) {
    }
}
