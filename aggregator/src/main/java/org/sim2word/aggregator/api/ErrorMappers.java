package org.sim2word.aggregator.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sim2word.aggregator.summary.EvaluationNotFoundException;
import org.sim2word.aggregator.summary.SummaryStoreException;

/** Turns failures into the API's error body, with a status that tells the client whether retrying can help. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> notFound(EvaluationNotFoundException e) {
        return RestResponse.status(Status.NOT_FOUND, ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> storeFailed(SummaryStoreException e) {
        if (e.isBadValue()) {
            return RestResponse.status(Status.BAD_REQUEST, ErrorResponse.of("The request holds a value the summary "
                    + "database cannot take (for example a NUL character); remove it."));
        }
        LOG.warn(e.getMessage(), e);
        return RestResponse.status(Status.SERVICE_UNAVAILABLE,
                ErrorResponse.of("The summary database cannot be reached; retry later."));
    }

    /** Unknown paths, wrong methods and the like, which the framework raises. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return RestResponse.status(Status.fromStatusCode(status), ErrorResponse.of(
                Status.fromStatusCode(status).getReasonPhrase() + ": see docs/api.md for the aggregator's API."));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unexpected(RuntimeException e) {
        LOG.error("Unexpected failure while answering a request", e);
        return RestResponse.status(Status.INTERNAL_SERVER_ERROR,
                ErrorResponse.of("The aggregator failed unexpectedly; its log has the details."));
    }
}
