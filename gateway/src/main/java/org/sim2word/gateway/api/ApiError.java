package org.sim2word.gateway.api;

import java.util.List;

/** The body of every error answer (docs/api.md). */
public record ApiError(String error, List<String> details) {

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }
}
