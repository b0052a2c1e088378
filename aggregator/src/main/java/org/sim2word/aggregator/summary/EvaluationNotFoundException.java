package org.sim2word.aggregator.summary;

import java.util.UUID;

/** No evaluation has the id a client asked for. */
public class EvaluationNotFoundException extends RuntimeException {

    public EvaluationNotFoundException(String id) {
        super("No evaluation has the id '" + id + "'.");
    }

    public EvaluationNotFoundException(UUID id) {
        this(id.toString());
    }
}
