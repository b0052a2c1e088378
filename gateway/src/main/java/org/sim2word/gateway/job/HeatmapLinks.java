package org.sim2word.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.storage.ObjectStore;

/**
 * Adds download links to a stored result. The result is handled as a JSON tree rather than as records, so fields
 * added by newer workers reach the caller unchanged.
 */
@ApplicationScoped
public class HeatmapLinks {
    private final ObjectStore store;

    public HeatmapLinks(ObjectStore store) {
        this.store = store;
    }

    /**
     * @return the result with {@code rawUrl} and {@code overlayUrl} beside every heatmap's keys: those of each
     *     direction of a {@code PairExplanation}, and the top-level ones of an {@code IdentificationExplanation}
     */
    public JsonNode attach(String resultJson) {
        JsonNode result;
        try {
            result = Json.mapper().readTree(resultJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored result is not JSON", e);
        }
        for (JsonNode direction : result.path("directions")) {
            linkAll(direction.path("heatmaps"));
        }
        linkAll(result.path("heatmaps"));
        return result;
    }

    private void linkAll(JsonNode heatmaps) {
        for (JsonNode heatmap : heatmaps) {
            if (heatmap instanceof ObjectNode map) {
                link(map, "rawKey", "rawUrl");
                link(map, "overlayKey", "overlayUrl");
            }
        }
    }

    private void link(ObjectNode heatmap, String keyField, String urlField) {
        JsonNode key = heatmap.get(keyField);
        if (key != null && key.isTextual()) {
            heatmap.put(urlField, store.presignedGet(key.asText()));
        }
    }
}
