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

    /** @return the {@code PairExplanation} with {@code rawUrl} and {@code overlayUrl} beside every heatmap's keys */
    public JsonNode attach(String resultJson) {
        JsonNode result;
        try {
            result = Json.mapper().readTree(resultJson);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored result is not JSON", e);
        }
        for (JsonNode direction : result.path("directions")) {
            for (JsonNode heatmap : direction.path("heatmaps")) {
                if (heatmap instanceof ObjectNode map) {
                    link(map, "rawKey", "rawUrl");
                    link(map, "overlayKey", "overlayUrl");
                }
            }
        }
        return result;
    }

    private void link(ObjectNode heatmap, String keyField, String urlField) {
        JsonNode key = heatmap.get(keyField);
        if (key != null && key.isTextual()) {
            heatmap.put(urlField, store.presignedGet(key.asText()));
        }
    }
}
