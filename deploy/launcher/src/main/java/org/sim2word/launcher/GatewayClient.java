package org.sim2word.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.sim2word.common.json.Json;

/** The gateway's HTTP API (docs/api.md), as a user's program would call it. */
public final class GatewayClient {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(URI base) {
        this.base = base;
    }

    /** {@code POST /v1/jobs}: two faces and options; returns the job id. */
    public UUID submitPair(Path a, Path b, String optionsJson) {
        Multipart form = new Multipart().file("a", a).file("b", b);
        if (optionsJson != null) {
            form.text("options", optionsJson);
        }
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/v1/jobs"))
                .header("Content-Type", form.contentType()).POST(form.body()), 202);
        return UUID.fromString(answer.get("id").asText());
    }

    /** {@code GET /v1/jobs/{id}}. */
    public JsonNode job(UUID id) {
        return send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id)).GET(), 200);
    }

    /** {@code POST /v1/images}: returns the image id. */
    public String uploadImage(Path face) {
        Multipart form = new Multipart().file("file", face);
        HttpResponse<String> r = raw(HttpRequest.newBuilder(base.resolve("/v1/images"))
                .header("Content-Type", form.contentType()).POST(form.body()));
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw failure("POST /v1/images", r);
        }
        return Json.read(r.body(), JsonNode.class).get("id").asText();
    }

    /** A labelled pair of uploaded images. */
    public record Pair(String a, String b, int label) {
    }

    /** {@code POST /v1/evaluations}: returns the evaluation id. */
    public UUID submitEvaluation(String name, String optionsJson, List<Pair> pairs) {
        StringBuilder body = new StringBuilder("{\"name\":").append(Json.write(name));
        if (optionsJson != null) {
            body.append(",\"options\":").append(optionsJson);
        }
        body.append(",\"pairs\":").append(Json.write(pairs)).append('}');
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/v1/evaluations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 202);
        return UUID.fromString(answer.get("id").asText());
    }

    /** {@code GET /v1/evaluations/{id}}. */
    public JsonNode evaluation(UUID id) {
        return send(HttpRequest.newBuilder(base.resolve("/v1/evaluations/" + id)).GET(), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        HttpResponse<String> r = raw(request);
        if (r.statusCode() != expected) {
            throw failure(request.build().method() + " " + request.build().uri().getPath(), r);
        }
        return Json.read(r.body(), JsonNode.class);
    }

    private HttpResponse<String> raw(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static IllegalStateException failure(String what, HttpResponse<String> r) {
        return new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
    }

    /** A multipart/form-data body. */
    private static final class Multipart {
        private final String boundary = "sim2word-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart file(String name, Path file) {
            try {
                String type = file.toString().toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg";
                head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: " + type);
                out.write(Files.readAllBytes(file));
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Multipart text(String name, String value) {
            head("Content-Disposition: form-data; name=\"" + name + "\"\r\nContent-Type: application/json");
            out.writeBytes((value + "\r\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        private void head(String headers) {
            out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher body() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(out.toByteArray());
            all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
        }
    }
}
