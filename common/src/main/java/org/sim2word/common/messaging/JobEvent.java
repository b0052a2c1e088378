package org.sim2word.common.messaging;

import java.time.Instant;
import java.util.UUID;
import org.sim2word.common.job.JobState;

/**
 * The record value of {@link Topics#JOB_EVENTS}: a job reached {@code state}. Consumers re-read the database for
 * details; the event only says that something changed.
 */
public record JobEvent(UUID jobId, UUID evaluationId, JobState state, Instant at) {
}
