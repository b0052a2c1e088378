package org.sim2word.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sim2word.gateway.db.DatabaseException;
import org.sim2word.gateway.storage.ObjectStoreException;

/** Gives every failure the one error shape of docs/api.md, so clients never parse framework pages. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response requestProblem(ApiException e) {
        return answer(e.status(), e.getMessage(), e.details());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response original = e.getResponse();
        Status status = Status.fromStatusCode(original.getStatus());
        if (status == null || status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            LOG.error("A request failed inside the HTTP layer", e);
            return answer(Status.INTERNAL_SERVER_ERROR, "the gateway failed unexpectedly; the error is logged", List.of());
        }
        return answer(status, frameworkSentence(status), List.of());
    }

    @ServerExceptionMapper
    public Response database(DatabaseException e) {
        if (e.isBadValue()) {
            LOG.info("Answering 400: " + e.getMessage());
            return answer(Status.BAD_REQUEST, "the request holds a value the job database cannot store (for example "
                    + "a NUL character in a text); remove it", List.of());
        }
        LOG.warn("Answering 503: " + e.getMessage());
        return answer(Status.SERVICE_UNAVAILABLE, "the job database is unavailable; retry later", List.of());
    }

    @ServerExceptionMapper
    public Response objectStore(ObjectStoreException e) {
        LOG.warn("Answering 503: " + e.getMessage());
        return answer(Status.SERVICE_UNAVAILABLE, "the image store is unavailable; retry later", List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("A request failed with an unexpected error", e);
        return answer(Status.INTERNAL_SERVER_ERROR, "the gateway failed unexpectedly; the error is logged", List.of());
    }

    private static String frameworkSentence(Status status) {
        return switch (status) {
            case NOT_FOUND -> "nothing is served at this path; see docs/api.md";
            case METHOD_NOT_ALLOWED -> "this path does not accept that HTTP method; see docs/api.md";
            case UNSUPPORTED_MEDIA_TYPE -> "this path does not accept that content type; see docs/api.md";
            case NOT_ACCEPTABLE -> "this path answers JSON only";
            case REQUEST_ENTITY_TOO_LARGE -> "the request body is too large";
            default -> "the request was refused: " + status.getReasonPhrase();
        };
    }

    private static Response answer(Status status, String error, List<String> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(error, details)).build();
    }
}
