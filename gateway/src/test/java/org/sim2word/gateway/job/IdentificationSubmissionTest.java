package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.gateway.storage.S3Config;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class IdentificationSubmissionTest {
    @Inject
    DataSource db;
    @Inject
    MinioClient s3;
    @Inject
    S3Config s3Config;

    @Test
    void aFaceIsQueuedStoredInS3AndSentToKafkaAsAnIdentificationJob() throws Exception {
        ExtractableResponse<Response> accepted = given()
                .multiPart("face", "face.jpg", TestImages.face(20), "image/jpeg")
                .multiPart("options", "{\"lambda\":100,\"fill\":\"black\",\"seed\":7}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(202)
                .body("state", equalTo("queued"))
                .header("Location", startsWith("/v1/jobs/"))
                .extract();
        UUID id = UUID.fromString(accepted.path("id"));
        assertEquals("/v1/jobs/" + id, accepted.path("url"));
        assertEquals("/v1/jobs/" + id, accepted.header("Location"));

        Sql sql = new Sql(db);
        assertEquals("identify", sql.value(String.class, "select kind from job where id = ?", id).orElseThrow());
        assertTrue(sql.value(String.class, "select image_b from job where id = ?", id).isEmpty(),
                "an identification has one face");
        IdentifyOptions stored = Json.read(sql.value(String.class, "select options::text from job where id = ?", id)
                .orElseThrow(), IdentifyOptions.class);
        assertEquals(100, stored.lambda());
        assertTrue(sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id).isPresent(),
                "Kafka's ack is recorded before the caller gets 202");

        List<ConsumerRecord<String, String>> records = JobRecords.await(id);
        assertEquals(1, records.size());
        JobMessage message = Json.read(records.get(0).value(), JobMessage.class);
        assertEquals(id, message.jobId());
        assertEquals(JobKind.IDENTIFY, message.kind());
        assertNull(message.imageB());
        assertNull(message.options());
        assertNull(message.evaluationId());
        assertEquals(Fill.BLACK, message.identifyOptions().fill());
        assertEquals(100, message.identifyOptions().lambda());
        assertEquals(7, message.identifyOptions().seed());
        assertEquals(IdentifyOptions.DEFAULT_CONFIDENCE, message.identifyOptions().confidence());
        assertTrue(message.imageA().startsWith("images/"), message.imageA());
        s3.statObject(StatObjectArgs.builder().bucket(s3Config.bucket()).object(message.imageA()).build());

        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("kind", equalTo("identify"))
                .body("state", equalTo("queued"))
                .body("evaluationId", nullValue())
                .body("options.lambda", equalTo(100.0f))
                .body("options.fill", equalTo("black"))
                .body("options.eraseThreshold", equalTo(0.1f))
                .body("options.confidence", equalTo(0.8f))
                .body("options.topK", nullValue());
    }

    @Test
    void withoutOptionsAnIdentificationTakesEveryDefault() {
        UUID id = UUID.fromString(given()
                .multiPart("face", "face.png", TestImages.generated("png", 21), "image/png")
                .when().post("/v1/identifications")
                .then().statusCode(202).extract().path("id"));
        JobMessage message = Json.read(JobRecords.await(id).get(0).value(), JobMessage.class);
        assertEquals(IdentifyOptions.defaults(), message.identifyOptions());
        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("options.fill", equalTo("mean"))
                .body("options.lambda", equalTo(200.0f));
    }

    @Test
    void aMissingFaceAndBadOptionsAreAllListed() {
        given()
                .multiPart("options", "{\"eraseThreshold\":1.5,\"lambda\":0,\"confidence\":2}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(400)
                .body("error", containsString("4 problems"))
                .body("details", hasItems(
                        "part 'face' is missing; send the face as a file part named 'face'",
                        "options: eraseThreshold must lie in [0, 1), was 1.5",
                        "options: lambda must be a positive number, was 0.0",
                        "options: confidence must lie in [0, 1), was 2.0"));
    }

    @Test
    void aFacePartThatIsNotAnImageIsRefusedNamingThePart() {
        given()
                .multiPart("face", "notes.txt", "not a face".getBytes(), "text/plain")
                .when().post("/v1/identifications")
                .then().statusCode(400)
                .body("error", equalTo("part 'face' is not an image; send a JPEG or PNG face"))
                .body("details", hasSize(1));
    }

    @Test
    void optionsThatAreNotIdentifyOptionsAreRefusedNamingTheField() {
        given()
                .multiPart("face", "face.png", TestImages.generated("png", 22), "image/png")
                .multiPart("options", "{\"fill\":\"purple\"}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(400)
                .body("error", equalTo("options.fill: unknown fill 'purple' (black, white, mean or random)"));
        given()
                .multiPart("face", "face.png", TestImages.generated("png", 22), "image/png")
                .multiPart("options", "{\"lambda\":\"high\"}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(400)
                .body("error", equalTo("options.lambda has the wrong type; expected a number"));
    }

    @Test
    void aFaceOverTheSizeLimitIsRefusedWith413() {
        byte[] big = new byte[300 * 1024];
        new Random(8).nextBytes(big);
        given()
                .multiPart("face", "face.png", big, "image/png")
                .when().post("/v1/identifications")
                .then().statusCode(413)
                .body("error", containsString("part 'face' is 307200 bytes; the limit is 262144 bytes"));
    }
}
