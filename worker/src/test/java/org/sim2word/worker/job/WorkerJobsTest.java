package org.sim2word.worker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.common.messaging.Topics;
import org.sim2word.common.result.FacePlacement;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.storage.StorageKeys;
import org.sim2word.stack.LocalServices;
import org.sim2word.worker.Johns;
import org.sim2word.worker.RunningWorker;

/** A real worker consuming real Kafka records, reading and writing a real S3 store and a real PostgreSQL. */
class WorkerJobsTest {
    /** The default attribute sources: FaceRes's gender and age, seven emotions, 13 landmark attributes. */
    private static final int HEADS = 2 + 7 + 13;
    private static LocalServices services;
    private static Map<String, String> props;
    private static MinioClient s3;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void start() {
        services = RunningWorker.services();
        props = services.asProperties();
        s3 = MinioClient.builder().endpoint(props.get(LocalServices.S3_ENDPOINT))
                .credentials(props.get(LocalServices.S3_ACCESS_KEY), props.get(LocalServices.S3_SECRET_KEY))
                .region("us-east-1").build();
        Properties p = new Properties();
        p.put("bootstrap.servers", props.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        s3.close();
    }

    @Test
    void a_job_on_real_faces_succeeds_and_every_map_is_a_stored_png_of_canvas_size() throws Exception {
        String a = upload(Files.readAllBytes(Johns.photo("John_Schneider", 4)));
        String b = upload(Files.readAllBytes(Johns.photo("John_Simm", 5)));
        UUID job = queue(a, b);
        send(job, Json.write(message(job, a, b)).getBytes(StandardCharsets.UTF_8));

        assertEquals("succeeded", awaitFinal(job));
        try (Connection c = db()) {
            assertEquals(1, count(c, "select count(*) from pair_result where job_id = ?", job));
            assertEquals(2, count(c, "select count(*) from direction_result where job_id = ?", job));
            assertEquals(2 * HEADS, count(c, "select count(*) from attribute_score where job_id = ?", job));
            assertEquals(1, count(c, "select attempts from job where id = ?", job));
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select raw_key, overlay_key from heatmap where job_id = ?")) {
                s.setObject(1, job);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        keys.add(r.getString(1));
                        keys.add(r.getString(2));
                    }
                }
            }
            assertEquals(2 * 2 * (3 + 3 * HEADS), keys.size(), "raw and overlay of every map of both directions");
            for (String key : keys) {
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(get(key)));
                assertNotNull(png, key + " decodes as an image");
                assertEquals(150, png.getWidth(), key);
                assertEquals(150, png.getHeight(), key);
            }
        }
    }

    @Test
    void an_identification_job_stores_the_uncertainty_each_attribute_leaves_and_its_maps() throws Exception {
        String face = upload(Files.readAllBytes(Johns.photo("John_Savage", 7)));
        UUID job = UUID.randomUUID();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("insert into job (id, kind, state, image_a, "
                + "options, enqueued_at) values (?, 'identify', 'queued', ?, ?::jsonb, now())")) {
            s.setObject(1, job);
            s.setString(2, face.substring("images/".length(), "images/".length() + 64));
            s.setString(3, Json.write(IdentifyOptions.defaults()));
            s.executeUpdate();
        }
        send(job, Json.write(JobMessage.identify(job, face, IdentifyOptions.defaults(), Instant.now()))
                .getBytes(StandardCharsets.UTF_8));

        assertEquals("succeeded", awaitFinal(job));
        try (Connection c = db()) {
            assertEquals(1, count(c, "select count(*) from identification_result where job_id = ? "
                    + "and predicted_label = 'John_Savage' and substitute", job));
            assertEquals(HEADS, count(c, "select count(*) from attribute_uncertainty where job_id = ?", job));
            assertEquals(1 + 3 * HEADS, count(c, "select count(*) from heatmap where job_id = ?", job));
        }
    }

    @Test
    void a_raw_group_photo_is_aligned_and_the_result_says_which_face_was_explained() throws Exception {
        String photo = upload(Files.readAllBytes(org.sim2word.worker.align.Photos.path("face-api/sample1.jpg")));
        String chip = upload(Files.readAllBytes(Johns.photo("John_Simm", 9)));
        UUID job = queue(photo, chip);
        ExplainOptions second = Json.read("{\"faceA\":{\"index\":1}}", ExplainOptions.class);
        send(job, Json.write(JobMessage.pair(job, null, photo, chip, second, Instant.now()))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("succeeded", awaitFinal(job));
        PairExplanation result = result(job);
        FacePlacement a = result.faces().get(0);
        assertTrue(a.aligned());
        assertEquals(3, a.facesFound());
        assertEquals(1, a.index());
        assertFalse(result.faces().get(1).aligned(), "the johns photo is a 150×150 chip already");

        UUID missing = queue(photo, chip);
        ExplainOptions tenth = Json.read("{\"faceA\":{\"index\":9}}", ExplainOptions.class);
        send(missing, Json.write(JobMessage.pair(missing, null, photo, chip, tenth, Instant.now()))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", awaitFinal(missing));
        assertEquals("face a: face 9 was asked for, but 3 faces were found (numbered 0 to 2, largest first)",
                error(missing));
    }

    @Test
    void the_worker_announces_the_models_it_runs_for_the_gateway_to_list() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<String> names = List.of();
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                    "select name from installed_model where 'verification' = any(roles) or 'attribute' = any(roles) "
                            + "order by name")) {
                List<String> found = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
                names = found;
            }
            if (names.containsAll(List.of("dlib-resnet29", "emotion", "hse-faceres"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("installed_model rows: " + names);
    }

    @Test
    void a_delivery_of_a_finished_job_changes_nothing() throws Exception {
        String a = upload(Files.readAllBytes(Johns.photo("John_Shimkus", 5)));
        String b = upload(Files.readAllBytes(Johns.photo("John_Shimkus", 6)));
        UUID job = queue(a, b);
        byte[] value = Json.write(message(job, a, b)).getBytes(StandardCharsets.UTF_8);
        send(job, value);
        assertEquals("succeeded", awaitFinal(job));
        send(job, value);
        UUID marker = queue(a, b);
        send(marker, Json.write(message(marker, a, b)).getBytes(StandardCharsets.UTF_8));
        awaitFinal(marker); // the duplicate was consumed before the marker behind it on the same worker
        try (Connection c = db()) {
            assertEquals(1, count(c, "select attempts from job where id = ?", job));
            assertEquals(1, count(c, "select count(*) from pair_result where job_id = ?", job));
        }
    }

    @Test
    void a_face_that_is_not_an_image_fails_the_job_with_a_reason() throws Exception {
        String a = upload("this is not a photo".getBytes(StandardCharsets.UTF_8));
        String b = upload(Files.readAllBytes(Johns.photo("John_Simm", 7)));
        UUID job = queue(a, b);
        send(job, Json.write(message(job, a, b)).getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", awaitFinal(job));
        String error = error(job);
        assertEquals("face a is not an image; send a JPEG or PNG face", error);
    }

    @Test
    void a_poison_message_is_dead_lettered_and_its_job_failed() throws Exception {
        String a = upload(Files.readAllBytes(Johns.photo("John_Simm", 8)));
        UUID job = queue(a, a);
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        send(job, poison);
        assertEquals("failed", awaitFinal(job));
        assertTrue(error(job).contains("could not be read"), error(job));
        ConsumerRecord<String, byte[]> letter = deadLetter(job);
        assertEquals("{not json", new String(letter.value(), StandardCharsets.UTF_8));
        assertTrue(new String(letter.headers().lastHeader(Topics.HEADER_ERROR).value(), StandardCharsets.UTF_8)
                .contains("unreadable job message"));
    }

    @Test
    void a_job_whose_deliveries_keep_dying_is_failed_after_the_last_attempt() throws Exception {
        String a = upload(Files.readAllBytes(Johns.photo("John_Salley", 9)));
        UUID job = queue(a, a);
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "update job set state = 'running', attempts = 3 where id = ?")) {
            s.setObject(1, job);
            s.executeUpdate();
        }
        send(job, Json.write(message(job, a, a)).getBytes(StandardCharsets.UTF_8));
        assertEquals("failed", awaitFinal(job));
        assertTrue(error(job).startsWith("gave up after 3 deliveries"), error(job));
        assertNotNull(deadLetter(job));
    }

    private static JobMessage message(UUID job, String a, String b) {
        return JobMessage.pair(job, null, a, b, ExplainOptions.defaults(), Instant.now());
    }

    /** Stores a face as the gateway does: content-addressed object and image row. */
    private static String upload(byte[] bytes) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String key = StorageKeys.image(sha, "jpg");
        s3.putObject(PutObjectArgs.builder().bucket(props.get(LocalServices.S3_BUCKET)).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("image/jpeg").build());
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("insert into image (id, object_key, "
                + "content_type, width, height, bytes) values (?, ?, 'image/jpeg', 150, 150, ?) on conflict do nothing")) {
            s.setString(1, sha);
            s.setString(2, key);
            s.setLong(3, bytes.length);
            s.executeUpdate();
        }
        return key;
    }

    private static UUID queue(String a, String b) throws Exception {
        UUID job = UUID.randomUUID();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("insert into job (id, kind, state, image_a, "
                + "image_b, options, enqueued_at) values (?, 'pair', 'queued', ?, ?, ?::jsonb, now())")) {
            s.setObject(1, job);
            s.setString(2, a.substring("images/".length(), "images/".length() + 64));
            s.setString(3, b.substring("images/".length(), "images/".length() + 64));
            s.setString(4, Json.write(ExplainOptions.defaults()));
            s.executeUpdate();
        }
        return job;
    }

    private static void send(UUID job, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOBS, job.toString(), value)).get();
    }

    private static String awaitFinal(UUID job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db(); PreparedStatement s = c.prepareStatement("select state from job where id = ?")) {
                s.setObject(1, job);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    String state = r.getString(1);
                    if (state.equals("succeeded") || state.equals("failed")) {
                        return state;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + job + " did not finish in 3 minutes");
    }

    private static PairExplanation result(UUID job) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select result::text from pair_result where job_id = ?")) {
            s.setObject(1, job);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Json.read(r.getString(1), PairExplanation.class);
            }
        }
    }

    private static String error(UUID job) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select error from job where id = ?")) {
            s.setObject(1, job);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private static ConsumerRecord<String, byte[]> deadLetter(UUID job) {
        Properties p = new Properties();
        p.put("bootstrap.servers", props.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.DEAD_LETTER));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (job.toString().equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter for " + job);
    }

    private static byte[] get(String key) throws Exception {
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(props.get(LocalServices.S3_BUCKET)).object(key)
                .build())) {
            return in.readAllBytes();
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(props.get(LocalServices.JDBC_URL), props.get(LocalServices.JDBC_USER),
                props.get(LocalServices.JDBC_PASSWORD));
    }

    private static int count(Connection c, String sql, UUID id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
