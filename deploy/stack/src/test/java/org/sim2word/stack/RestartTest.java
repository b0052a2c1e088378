package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sim2word.common.messaging.Topics;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void data_survives_a_restart_with_the_same_directory() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        String objectKey = "images/" + sha + ".png";
        String recordKey = "restart-" + UUID.randomUUID();
        byte[] png = S3ServerTest.png();

        try (LocalServices first = LocalServices.builder().optDataDirectory(dir).start()) {
            assertFalse(first.isTemporary());
            assertTrue(first.migrationsApplied() > 0, "a new directory gets the whole schema");
            try (Connection c = first.postgres().connect(); PreparedStatement insert = c.prepareStatement(
                    "insert into image (id, object_key, content_type, width, height, bytes) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sha);
                insert.setString(2, objectKey);
                insert.setString(3, "image/png");
                insert.setInt(4, 64);
                insert.setInt(5, 64);
                insert.setLong(6, png.length);
                insert.executeUpdate();
            }
            try (MinioClient client = first.s3().newClient()) {
                client.putObject(PutObjectArgs.builder().bucket(first.s3().bucket()).object(objectKey)
                        .stream(new ByteArrayInputStream(png), png.length, -1).contentType("image/png").build());
            }
            try (KafkaProducer<String, String> producer = KafkaBrokerTest.producer(first.kafka().bootstrapServers())) {
                producer.send(new ProducerRecord<>(Topics.JOBS, recordKey, "{}")).get();
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("postgres")), "a persistent directory is kept");

        try (LocalServices second = LocalServices.builder().optDataDirectory(dir).start()) {
            assertEquals(0, second.migrationsApplied(), "the schema was already current");
            try (Connection c = second.postgres().connect();
                    PreparedStatement select = c.prepareStatement("select object_key from image where id = ?")) {
                select.setString(1, sha);
                try (ResultSet r = select.executeQuery()) {
                    assertTrue(r.next(), "the row survived");
                    assertEquals(objectKey, r.getString(1));
                }
            }
            try (MinioClient client = second.s3().newClient(); InputStream in = client.getObject(
                    GetObjectArgs.builder().bucket(second.s3().bucket()).object(objectKey).build())) {
                assertArrayEquals(png, in.readAllBytes(), "the object survived");
            }
            assertEquals(1, KafkaBrokerTest.consumeKeys(second.kafka().bootstrapServers(), Topics.JOBS,
                    "restart-test", recordKey, 1).size(), "the record survived");
        }
    }
}
