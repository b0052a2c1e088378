package org.sim2word.aggregator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.sim2word.aggregator.summary.EvaluationNotFoundException;
import org.sim2word.aggregator.summary.EvaluationSummary;
import org.sim2word.aggregator.summary.SummaryService;

/** {@code GET /v1/evaluations/{id}/summary} (docs/api.md). */
@Path("/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    private final SummaryService summaries;

    public SummaryResource(SummaryService summaries) {
        this.summaries = summaries;
    }

    @GET
    @Path("/{id}/summary")
    public EvaluationSummary summary(@PathParam("id") String id) {
        return summaries.summary(evaluationId(id));
    }

    /** Evaluation ids are UUIDs; any other text names no evaluation. */
    private static UUID evaluationId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new EvaluationNotFoundException(id);
        }
    }
}
