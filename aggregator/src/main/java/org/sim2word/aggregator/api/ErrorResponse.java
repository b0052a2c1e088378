package org.sim2word.aggregator.api;

import java.util.List;

/** The body of every error the HTTP API answers (docs/api.md). */
public record ErrorResponse(String error, List<String> details) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, List.of());
    }
}
