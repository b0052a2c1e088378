package org.sim2word.gateway.evaluation;

import java.util.UUID;

/** The answer to an accepted evaluation (docs/api.md). */
public record EvaluationAccepted(UUID id, String url, int jobs) {
}
