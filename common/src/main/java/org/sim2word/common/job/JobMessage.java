package org.sim2word.common.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The Kafka record value of {@code Topics.JOBS}, keyed by the job id. It names the stored images rather than
 * carrying them, so a message stays small and a redelivered job reads the same inputs.
 *
 * @param schema       {@link #SCHEMA}; a worker rejects messages of a schema it does not know
 * @param jobId        the job's id, also the record key
 * @param kind         what to explain
 * @param evaluationId the evaluation the job belongs to, or null for a lone job
 * @param imageA       storage key of the first (or only) face
 * @param imageB       storage key of the second face of a pair; null for an identification
 * @param options      every parameter of a pair explanation; null for an identification
 * @param identifyOptions every parameter of an identification; null for a pair
 * @param submittedAt  when the gateway accepted the job
 */
public record JobMessage(
        int schema,
        UUID jobId,
        JobKind kind,
        UUID evaluationId,
        String imageA,
        String imageB,
        ExplainOptions options,
        IdentifyOptions identifyOptions,
        Instant submittedAt) {

    public static final int SCHEMA = 1;

    public JobMessage {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(imageA, "imageA");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (kind == JobKind.PAIR && (imageB == null || options == null)) {
            throw new IllegalArgumentException("a pair job needs imageB and options");
        }
        if (kind == JobKind.IDENTIFY && identifyOptions == null) {
            throw new IllegalArgumentException("an identification job needs identifyOptions");
        }
    }

    public static JobMessage pair(UUID jobId, UUID evaluationId, String imageA, String imageB,
                                  ExplainOptions options, Instant submittedAt) {
        return new JobMessage(SCHEMA, jobId, JobKind.PAIR, evaluationId, imageA, imageB, options, null,
                submittedAt);
    }

    public static JobMessage identify(UUID jobId, String image, IdentifyOptions options, Instant submittedAt) {
        return new JobMessage(SCHEMA, jobId, JobKind.IDENTIFY, null, image, null, null, options, submittedAt);
    }
}
