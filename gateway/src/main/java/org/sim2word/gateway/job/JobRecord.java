package org.sim2word.gateway.job;

import java.time.Instant;
import java.util.UUID;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobState;

/** A row of table {@code job}, as far as callers may see it. */
public record JobRecord(UUID id, JobKind kind, JobState state, UUID evaluationId, Integer pairIndex, Integer label,
                        ExplainOptions options, String error, String progress, int attempts, Instant createdAt,
                        Instant startedAt, Instant finishedAt) {
}
