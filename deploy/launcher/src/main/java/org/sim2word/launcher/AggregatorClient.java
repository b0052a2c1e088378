package org.sim2word.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.sim2word.common.json.Json;

/** The aggregator's HTTP API (docs/api.md). */
public final class AggregatorClient {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AggregatorClient(URI base) {
        this.base = base;
    }

    /** {@code GET /v1/evaluations/{id}/summary}, or empty while the aggregator knows nothing of it. */
    public Optional<JsonNode> summary(UUID evaluation) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/evaluations/" + evaluation
                    + "/summary")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET summary answered " + r.statusCode() + ": " + r.body());
            }
            return Optional.of(Json.read(r.body(), JsonNode.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the aggregator at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
