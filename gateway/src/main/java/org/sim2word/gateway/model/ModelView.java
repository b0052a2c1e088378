package org.sim2word.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One model in {@code GET /v1/models} (docs/api.md). The descriptor fields come from the worker that announced the
 * model last; {@code workers} shows each worker's own checksum, so workers that disagree are visible.
 *
 * @param input      the descriptor's preprocessing block, as it is
 * @param heads      the attribute heads with the words they can report
 * @param lastSeenAt when a worker last announced the model
 */
public record ModelView(String name, String version, String description, String license, List<String> roles,
                        String sha256, JsonNode input, List<Head> heads, List<Worker> workers, Instant lastSeenAt) {

    /**
     * An attribute head.
     *
     * @param words the words the head reports: every class of a categorical head; the attribute's own name for a
     *              yes-no head, which is only reported when present
     */
    public record Head(String attribute, String kind, List<String> words) {
    }

    /** A worker that has the model, with the checksum of its copy. */
    public record Worker(String name, String sha256, Instant seenAt) {
    }

    /** @param rows every row of one model, one per worker that has it */
    static ModelView of(List<InstalledModel> rows) {
        InstalledModel latest = rows.stream().max(Comparator.comparing(InstalledModel::seenAt)).orElseThrow();
        JsonNode d = latest.descriptor();
        List<Head> heads = new ArrayList<>();
        for (JsonNode head : d.path("heads")) {
            heads.add(head(head));
        }
        return new ModelView(latest.name(), text(d, "version"), text(d, "description"), text(d, "license"),
                latest.roles(), latest.sha256(), d.get("input"), heads,
                rows.stream().map(r -> new Worker(r.worker(), r.sha256(), r.seenAt())).toList(), latest.seenAt());
    }

    private static Head head(JsonNode head) {
        String attribute = text(head, "attribute");
        String kind = text(head, "kind");
        List<String> words = new ArrayList<>();
        if ("yes-no".equals(kind)) {
            words.add(attribute);
        } else {
            head.path("classes").forEach(word -> words.add(word.asText()));
        }
        return new Head(attribute, kind, words);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
