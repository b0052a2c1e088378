package org.sim2word.aggregator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.sim2word.aggregator.uncertainty.UncertaintyRepository;
import org.sim2word.aggregator.uncertainty.UncertaintyWords;

/** {@code GET /v1/uncertainty/words} (docs/api.md): which words identifications rest on, for dashboards. */
@Path("/v1/uncertainty")
@Produces(MediaType.APPLICATION_JSON)
public class UncertaintyResource {
    private final UncertaintyRepository uncertainty;

    public UncertaintyResource(UncertaintyRepository uncertainty) {
        this.uncertainty = uncertainty;
    }

    /** @param model only the words of this uncertainty model; every model when left out or blank */
    @GET
    @Path("/words")
    public UncertaintyWords words(@QueryParam("model") String model) {
        String filter = model == null || model.isBlank() ? null : model.trim();
        return new UncertaintyWords(filter, uncertainty.byWord(filter));
    }
}
