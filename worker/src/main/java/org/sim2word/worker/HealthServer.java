package org.sim2word.worker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.sim2word.common.json.Json;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.worker.model.ModelRegistry;

/**
 * {@code GET /health} on loopback: the worker is up, with its models and their checksums. The launcher and
 * orchestrators wait for it before sending work; it answers only once the models are loaded and warmed up, and
 * answers 503 with status "down" once a job consumer has died (the worker is then on its way out).
 */
final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** @return null when {@code port} is 0 (turned off) */
    static HealthServer start(int port, String workerId, ModelChoice defaults, ModelRegistry registry,
                              Supplier<String> failure) {
        if (port == 0) {
            return null;
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "up");
            body.put("worker", workerId);
            body.put("defaults", defaults);
            body.put("installed", registry.descriptors().stream().map(d -> Map.of("name", d.name(), "roles",
                    d.roles(), "sha256", String.valueOf(d.sha256()))).toList());
            server.createContext("/health", exchange -> {
                String failed = failure.get();
                Map<String, Object> now = body;
                if (failed != null) {
                    now = new LinkedHashMap<>(body);
                    now.put("status", "down");
                    now.put("error", failed);
                }
                byte[] json = Json.write(now).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(failed == null ? 200 : 503, json.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(json);
                }
            });
            server.start();
            return new HealthServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("the health endpoint could not listen on 127.0.0.1:" + port
                    + " (set sim2word.worker.http-port to a free port, or 0 to turn it off)", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
