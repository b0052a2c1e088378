package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.Fill;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.gateway.storage.S3Config;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class JobSubmissionTest {
    @Inject
    DataSource db;
    @Inject
    MinioClient s3;
    @Inject
    S3Config s3Config;

    @Test
    void aPairIsQueuedStoredInS3AndSentToKafkaKeyedByItsId() throws Exception {
        byte[] a = TestImages.face(0);
        byte[] b = TestImages.face(1);
        ExtractableResponse<Response> accepted = given()
                .multiPart("a", "a.jpg", a, "image/jpeg")
                .multiPart("b", "b.jpg", b, "image/jpeg")
                .multiPart("options", "{\"fill\":\"white\",\"topK\":2}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .body("state", equalTo("queued"))
                .header("Location", startsWith("/v1/jobs/"))
                .extract();
        UUID id = UUID.fromString(accepted.path("id"));
        assertEquals("/v1/jobs/" + id, accepted.path("url"));
        assertEquals("/v1/jobs/" + id, accepted.header("Location"));

        Sql sql = new Sql(db);
        assertEquals("queued", sql.value(String.class, "select state from job where id = ?", id).orElseThrow());
        assertTrue(sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id).isPresent(),
                "Kafka's ack is recorded before the caller gets 202");

        List<ConsumerRecord<String, String>> records = JobRecords.await(id);
        assertEquals(1, records.size());
        JobMessage message = Json.read(records.get(0).value(), JobMessage.class);
        assertEquals(id, message.jobId());
        assertEquals(Fill.WHITE, message.options().fill());
        assertEquals(2, message.options().topK());
        for (String key : List.of(message.imageA(), message.imageB())) {
            assertTrue(key.startsWith("images/"), key);
            s3.statObject(StatObjectArgs.builder().bucket(s3Config.bucket()).object(key).build());
        }

        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("kind", equalTo("pair"))
                .body("state", equalTo("queued"))
                .body("evaluationId", equalTo(null))
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z"))
                .body("options.fill", equalTo("white"))
                .body("options.topK", equalTo(2))
                .body("options.eraseThreshold", equalTo(0.6f));
    }

    @Test
    void optionsSentAsAFilePartAreReadToo() {
        UUID id = UUID.fromString(given()
                .multiPart("a", "a.png", TestImages.face(2), "image/png")
                .multiPart("b", "b.png", TestImages.face(3), "image/png")
                .multiPart("options", "options.json", "{\"variant\":\"no-attribute\"}".getBytes(), "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(202).extract().path("id"));
        given().when().get("/v1/jobs/" + id).then().statusCode(200).body("options.variant", equalTo("no-attribute"));
    }

    @Test
    void aPartThatIsNotAnImageIsRefusedNamingThePart() {
        given()
                .multiPart("a", "a.png", TestImages.face(0), "image/png")
                .multiPart("b", "notes.txt", "not a face".getBytes(), "text/plain")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("error", equalTo("part 'b' is not an image; send a JPEG or PNG face"))
                .body("details", hasSize(1));
    }

    @Test
    void aMissingPartIsRefused() {
        given()
                .multiPart("b", "b.png", TestImages.face(0), "image/png")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("error", containsString("part 'a' is missing"));
    }

    @Test
    void badOptionsAreRefusedListingEveryProblem() {
        given()
                .multiPart("a", "a.png", TestImages.face(0), "image/png")
                .multiPart("b", "b.png", TestImages.face(1), "image/png")
                .multiPart("options", "{\"topK\":0,\"eraseThreshold\":1.5,\"identityThreshold\":0}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("error", containsString("3 problems"))
                .body("details", hasItems(
                        "options: topK must be at least 1, was 0",
                        "options: identityThreshold must lie strictly between 0 and 1, was 0.0",
                        "options: eraseThreshold must lie in [0, 1), was 1.5"));
    }

    @Test
    void anUnknownOptionValueIsRefusedWithTheAllowedOnes() {
        given()
                .multiPart("a", "a.png", TestImages.face(0), "image/png")
                .multiPart("b", "b.png", TestImages.face(1), "image/png")
                .multiPart("options", "{\"fill\":\"purple\"}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("error", equalTo("options.fill: unknown fill 'purple' (black, white, mean or random)"));
    }

    @Test
    void aFaceOverTheSizeLimitIsRefusedWith413() {
        byte[] big = new byte[300 * 1024];
        new Random(7).nextBytes(big);
        given()
                .multiPart("a", "a.png", big, "image/png")
                .multiPart("b", "b.png", TestImages.face(1), "image/png")
                .when().post("/v1/jobs")
                .then().statusCode(413)
                .body("error", containsString("part 'a' is 307200 bytes; the limit is 262144 bytes"));
    }
}
