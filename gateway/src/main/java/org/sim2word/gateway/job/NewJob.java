package org.sim2word.gateway.job;

import java.util.UUID;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.gateway.image.StoredImage;

/** A pair job about to be inserted; the evaluation fields are null for a lone job. */
public record NewJob(UUID id, UUID evaluationId, Integer pairIndex, Integer label, StoredImage a, StoredImage b,
                     ExplainOptions options) {

    public static NewJob lone(StoredImage a, StoredImage b, ExplainOptions options) {
        return new NewJob(UUID.randomUUID(), null, null, null, a, b, options);
    }

    public static NewJob inEvaluation(UUID evaluationId, int pairIndex, int label, StoredImage a, StoredImage b,
                                      ExplainOptions options) {
        return new NewJob(UUID.randomUUID(), evaluationId, pairIndex, label, a, b, options);
    }
}
