package org.sim2word.gateway.api;

import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/** A request that cannot succeed as sent; {@link ErrorMapper} turns it into its status and an {@link ApiError}. */
public final class ApiException extends RuntimeException {
    private final Status status;
    private final List<String> details;

    public ApiException(Status status, String error, List<String> details) {
        super(error);
        this.status = status;
        this.details = List.copyOf(details);
    }

    /** One answer for every problem found, so a caller can fix them all in one go. */
    public static ApiException badRequest(List<String> problems) {
        String error = problems.size() == 1
                ? problems.get(0)
                : "the request has " + problems.size() + " problems; fix each one listed in details";
        return new ApiException(Status.BAD_REQUEST, error, problems);
    }

    public static ApiException badRequest(String problem) {
        return badRequest(List.of(problem));
    }

    public static ApiException notFound(String error) {
        return new ApiException(Status.NOT_FOUND, error, List.of());
    }

    public static ApiException conflict(String error) {
        return new ApiException(Status.CONFLICT, error, List.of());
    }

    public static ApiException tooLarge(String error) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, error, List.of());
    }

    public Status status() {
        return status;
    }

    public List<String> details() {
        return details;
    }
}
