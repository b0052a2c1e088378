package org.sim2word.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sim2word.stack.LocalServices;

/**
 * The whole system as a user meets it: the local stack started by the launcher's own code (real Kafka, S3Proxy,
 * PostgreSQL; gateway, worker and aggregator as processes), driven through HTTP with real faces and real models.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack stack;
    private static Demo.Report report;

    @BeforeAll
    static void startStackAndRunTheDemo() {
        Path root = Path.of(System.getProperty("sim2word.root")).toAbsolutePath();
        Path home = Path.of(System.getProperty("sim2word.home")).toAbsolutePath();
        stack = LocalStack.start(new LauncherSettings(home, root, LauncherSettings.Ports.anyFree()), null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report = new Demo(new GatewayClient(stack.gatewayUrl()), new AggregatorClient(stack.aggregatorUrl()),
                new PrintStream(printed, true), Duration.ofMinutes(15))
                .run(home.resolve("faces/johns"), 3, 3, null);
        System.out.println(printed);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void every_job_of_the_evaluation_succeeds() {
        assertEquals(6, report.outcomes().size());
        for (Demo.Outcome o : report.outcomes()) {
            assertEquals("succeeded", o.state(), o.pair().describe() + ": " + o.view().path("error"));
        }
        assertEquals("succeeded", report.pairJobView().get("state").asText());
    }

    @Test
    @Order(2)
    void photos_of_the_same_person_score_higher_than_photos_of_different_people() {
        double lowestGenuine = report.outcomes().stream().filter(o -> o.pair().label() == 1)
                .mapToDouble(Demo.Outcome::similarity).min().orElseThrow();
        double highestImpostor = report.outcomes().stream().filter(o -> o.pair().label() == 0)
                .mapToDouble(Demo.Outcome::similarity).max().orElseThrow();
        assertTrue(lowestGenuine > highestImpostor, "genuine ≥ " + lowestGenuine + ", impostor ≤ " + highestImpostor);
    }

    @Test
    @Order(3)
    void every_heatmap_downloads_as_a_png_of_the_face_size() throws Exception {
        JsonNode result = report.pairJobView().get("result");
        int checked = 0;
        for (JsonNode d : result.get("directions")) {
            for (JsonNode h : d.get("heatmaps")) {
                for (String url : List.of(h.get("rawUrl").asText(), h.get("overlayUrl").asText())) {
                    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, r.statusCode(), url);
                    BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
                    assertNotNull(png, url);
                    assertEquals(h.get("width").asInt(), png.getWidth());
                    assertEquals(150, png.getWidth());
                    assertEquals(150, png.getHeight());
                    checked++;
                }
            }
        }
        int maps = 0;
        for (JsonNode d : result.get("directions")) {
            maps += 3 + 3 * d.get("attributes").size();
        }
        assertEquals(2 * maps, checked, "raw and overlay of the identity maps and of 3 maps per attribute");
        assertTrue(maps >= 2 * (3 + 3 * 9), "FaceRes's 2 heads and the emotion net's 7 in both directions: " + maps);
    }

    @Test
    @Order(4)
    void the_aggregators_auc_is_the_auc_of_the_stored_scores() throws Exception {
        JsonNode summary = report.summary();
        assertTrue(summary.get("complete").asBoolean());
        assertEquals(6, summary.get("succeeded").asInt());
        // Recompute the "before" AUC from the rows: the probability that a mated entry outscores a non-mated one.
        List<double[]> entries = new ArrayList<>();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select d.similarity, j.label from "
                + "direction_result d join job j on j.id = d.job_id where j.evaluation_id = ?")) {
            s.setObject(1, report.evaluation());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new double[] {r.getDouble(1), r.getInt(2)});
                }
            }
        }
        assertEquals(12, entries.size(), "two directions per pair");
        double wins = 0;
        int comparisons = 0;
        for (double[] genuine : entries) {
            for (double[] impostor : entries) {
                if (genuine[1] == 1 && impostor[1] == 0) {
                    wins += genuine[0] > impostor[0] ? 1 : genuine[0] == impostor[0] ? 0.5 : 0;
                    comparisons++;
                }
            }
        }
        assertEquals(wins / comparisons, summary.get("aucBefore").asDouble(), 1e-9);
        assertTrue(summary.get("aucAfter").asDouble() <= summary.get("aucBefore").asDouble());
        assertTrue(summary.get("topAttributes").size() > 0);
    }

    @Test
    @Order(5)
    void a_worker_killed_mid_job_is_started_again_and_its_job_and_later_ones_succeed() throws Exception {
        GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
        JohnsPairs.LabelledPair pair = JohnsPairs.of(stack.settings().faces(), 0, 1).get(0);
        AppProcess worker = stack.app("worker");
        UUID job = gateway.submitPair(pair.a(), pair.b(), null);
        awaitState(gateway, job, "running", Duration.ofMinutes(2));
        worker.kill(); // SIGKILL, as the kernel's OOM killer would
        assertEquals("running", gateway.job(job).get("state").asText(), "the crash left the job unfinished");

        AppProcess restarted = awaitRestart(worker, Duration.ofMinutes(3));
        JsonNode done = awaitState(gateway, job, "succeeded", Duration.ofMinutes(5));
        assertEquals(2, done.get("attempts").asInt(), "delivered again after the crash");
        assertNotNull(done.get("result"));

        UUID later = gateway.submitPair(pair.b(), pair.a(), null);
        assertEquals(1, awaitState(gateway, later, "succeeded", Duration.ofMinutes(5)).get("attempts").asInt());
        assertTrue(restarted.isAlive());
    }

    @Test
    @Order(6)
    void a_file_that_is_not_a_face_image_is_refused_with_the_reason() throws Exception {
        Path notAnImage = java.nio.file.Files.createTempFile("not-a-face", ".jpg");
        java.nio.file.Files.writeString(notAnImage, "hello");
        JohnsPairs.LabelledPair pair = JohnsPairs.of(stack.settings().faces(), 0, 1).get(0);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new GatewayClient(stack.gatewayUrl()).submitPair(notAnImage, pair.b(), null));
        assertTrue(e.getMessage().contains("400"), e.getMessage());
    }

    @Test
    @Order(7)
    void the_addresses_name_every_port_of_the_stack() {
        String addresses = stack.addresses();
        Map<String, String> p = stack.services().asProperties();
        for (String address : List.of(stack.gatewayUrl().toString(), stack.aggregatorUrl().toString(),
                stack.workerHealthUrl().toString(), p.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS),
                p.get(LocalServices.JDBC_URL), p.get(LocalServices.S3_ENDPOINT), p.get(LocalServices.S3_BUCKET))) {
            assertTrue(addresses.contains(address), address + " in\n" + addresses);
        }
    }

    /** The worker's next process, once it answers its health check; the launcher restarts it on its own. */
    private static AppProcess awaitRestart(AppProcess dead, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            AppProcess now = stack.app(dead.name());
            if (now.pid() != dead.pid() && now.isAlive()) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(dead.name() + " was not started again within " + timeout.toSeconds() + " s");
    }

    private static JsonNode awaitState(GatewayClient gateway, UUID job, String state, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode view = gateway.job(job);
            if (view.get("state").asText().equals(state)) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " never reached " + state + ": " + gateway.job(job));
    }

    private static Connection db() throws Exception {
        Map<String, String> p = stack.services().asProperties();
        return DriverManager.getConnection(p.get(LocalServices.JDBC_URL), p.get(LocalServices.JDBC_USER),
                p.get(LocalServices.JDBC_PASSWORD));
    }
}
