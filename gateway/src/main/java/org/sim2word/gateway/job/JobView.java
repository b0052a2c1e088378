package org.sim2word.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobState;

/**
 * The answer to {@code GET /v1/jobs/{id}} (docs/api.md); {@code result} appears once the job succeeded.
 *
 * @param options {@code ExplainOptions} for a pair job, {@code IdentifyOptions} for an identification
 * @param result  the {@code PairExplanation} or {@code IdentificationExplanation}, with heatmap links
 */
public record JobView(UUID id, JobKind kind, JobState state, UUID evaluationId, Integer pairIndex, Integer label,
                      int attempts, String progress, String error, Instant createdAt, Instant startedAt,
                      Instant finishedAt, Object options, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode result) {

    static JobView of(JobRecord job, JsonNode result) {
        return new JobView(job.id(), job.kind(), job.state(), job.evaluationId(), job.pairIndex(), job.label(),
                job.attempts(), job.progress(), job.error(), job.createdAt(), job.startedAt(), job.finishedAt(),
                job.options(), result);
    }
}
