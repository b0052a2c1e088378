package org.sim2word.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.gateway.api.ApiException;

/** The models the workers have installed, as they announced them; jobs choose among them by name. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    private final ModelRepository models;

    public ModelResource(ModelRepository models) {
        this.models = models;
    }

    @GET
    public ModelList list() {
        Map<String, List<InstalledModel>> byName = new LinkedHashMap<>();
        for (InstalledModel row : models.all()) {
            byName.computeIfAbsent(row.name(), name -> new ArrayList<>()).add(row);
        }
        return new ModelList(byName.values().stream().map(ModelView::of).toList());
    }

    /** The full {@code model.json} of one model. */
    @GET
    @Path("{name}")
    public JsonNode descriptor(@PathParam("name") String name) {
        return models.descriptor(name).orElseThrow(() -> ApiException.notFound("there is no installed model named '"
                + name + "'; GET /v1/models lists the installed ones"));
    }
}
