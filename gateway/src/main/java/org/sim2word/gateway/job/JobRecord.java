package org.sim2word.gateway.job;

import java.time.Instant;
import java.util.UUID;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobState;

/**
 * A row of table {@code job}, as far as callers may see it.
 *
 * @param options the job's options: {@code ExplainOptions} for a pair, {@code IdentifyOptions} for an identification
 */
public record JobRecord(UUID id, JobKind kind, JobState state, UUID evaluationId, Integer pairIndex, Integer label,
                        Object options, String error, String progress, int attempts, Instant createdAt,
                        Instant startedAt, Instant finishedAt) {
}
