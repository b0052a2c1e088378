package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeUncertainty;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.IdentificationExplanation;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.ModelRef;
import org.sim2word.common.result.Timings;
import org.sim2word.common.result.UncertaintyBar;
import org.sim2word.common.result.UncertaintyMethod;
import org.sim2word.common.storage.StorageKeys;
import org.sim2word.gateway.Eventually;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.gateway.storage.ObjectStore;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

/** Identification jobs read, retried and republished through the same paths as pair jobs. */
@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class IdentificationReadingTest {
    @Inject
    DataSource db;
    @Inject
    ObjectStore store;

    @Test
    void aSucceededIdentificationShowsItsResultWithHeatmapLinksThatDownload() throws Exception {
        UUID id = submit(30);
        byte[] raw = TestImages.generated("png", 131);
        byte[] overlay = TestImages.generated("png", 132);
        HeatmapRef map = new HeatmapRef(HeatmapKind.JOINT, "Gender",
                StorageKeys.rawMap(id, "a", HeatmapKind.JOINT, "Gender"),
                StorageKeys.overlay(id, "a", HeatmapKind.JOINT, "Gender"), 64, 64);
        store.put(map.rawKey(), raw, "image/png");
        store.put(map.overlayKey(), overlay, "image/png");
        IdentificationExplanation result = new IdentificationExplanation(IdentificationExplanation.SCHEMA, id,
                new IdentityMatch(3, "John_Savage", 0.71, 0.93),
                new UncertaintyMethod("hse-faceres", true, "the labelled substitute over the gallery's scores"),
                0.12,
                List.of(new AttributeUncertainty("Gender", "Male", "hse-faceres", 0, 0.97, true, true, 0.31, 0.19,
                        0.22, 1)),
                List.of(new UncertaintyBar("Original", 0.12, true), new UncertaintyBar("Male", 0.31, false)),
                List.of(map), List.of(new ModelRef("identification", "hse-faceres", "b28b")),
                IdentifyOptions.defaults(), new Timings(1, 2, 3, 6), null, List.of());
        Sql sql = new Sql(db);
        sql.update("update job set state = 'succeeded', attempts = 1, started_at = now(), finished_at = now() "
                + "where id = ?", id);
        sql.update("insert into identification_result (job_id, predicted_class, predicted_label, "
                + "predicted_probability, uncertainty, uncertainty_model, substitute, result) "
                + "values (?, 3, 'John_Savage', 0.93, 0.12, 'hse-faceres', true, ?::jsonb)", id, Json.write(result));

        JsonPath job = given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("kind", equalTo("identify"))
                .body("state", equalTo("succeeded"))
                .body("result.jobId", equalTo(id.toString()))
                .body("result.predicted.label", equalTo("John_Savage"))
                .body("result.method.substitute", equalTo(true))
                .body("result.attributes[0].word", equalTo("Male"))
                .body("result.chart[1].label", equalTo("Male"))
                .body("result.heatmaps[0].rawKey", equalTo(map.rawKey()))
                .body("result.directions", nullValue())
                .extract().jsonPath();
        HttpClient http = HttpClient.newHttpClient();
        assertArrayEquals(raw, download(http, job.getString("result.heatmaps[0].rawUrl")));
        assertArrayEquals(overlay, download(http, job.getString("result.heatmaps[0].overlayUrl")));
    }

    @Test
    void anIdentificationHasNoOriginalLayout() {
        UUID id = submit(31);
        given().when().get("/v1/jobs/" + id + "/original-layout")
                .then().statusCode(409)
                .body("error", equalTo("job " + id + " is an identification of one face; the original layout "
                        + "exists for pair jobs only, so read its result with GET /v1/jobs/" + id));
    }

    @Test
    void retryingAFailedIdentificationSendsAnIdentificationAgain() {
        UUID id = submit(32);
        JobRecords.await(id, 1);
        new Sql(db).update("update job set state = 'failed', error = 'no face was found', attempts = 1, "
                + "finished_at = now() where id = ?", id);

        given().when().post("/v1/jobs/" + id + "/retry")
                .then().statusCode(202)
                .body("id", equalTo(id.toString()))
                .body("state", equalTo("queued"));

        JobMessage again = Json.read(JobRecords.await(id, 2).get(1).value(), JobMessage.class);
        assertEquals(JobKind.IDENTIFY, again.kind());
        assertNull(again.imageB());
        assertEquals(0.5, again.identifyOptions().confidence());
        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("kind", equalTo("identify"))
                .body("state", equalTo("queued"))
                .body("error", nullValue());
    }

    @Test
    void aQueuedIdentificationThatNeverReachedKafkaIsSentByTheRepublisher() {
        String face = given().multiPart("file", "face.png", TestImages.generated("png", 33), "image/png")
                .when().post("/v1/images")
                .then().extract().path("id");
        UUID id = UUID.randomUUID();
        Sql sql = new Sql(db);
        // What a gateway leaves behind when Kafka was down: the row, without enqueued_at, a while ago.
        sql.update("insert into job (id, kind, state, image_a, options, created_at, updated_at) "
                + "values (?, 'identify', 'queued', ?, ?::jsonb, now() - interval '1 minute', "
                + "now() - interval '1 minute')", id, face, "{\"lambda\":50}");

        Eventually.await("the republisher to record job " + id + " as enqueued", Duration.ofSeconds(30),
                () -> sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id));
        JobMessage message = Json.read(JobRecords.await(id).get(0).value(), JobMessage.class);
        assertEquals(JobKind.IDENTIFY, message.kind());
        assertEquals(sql.value(String.class, "select object_key from image where id = ?", face).orElseThrow(),
                message.imageA());
        assertNull(message.imageB());
        assertEquals(50, message.identifyOptions().lambda());
        assertEquals(IdentifyOptions.DEFAULT_ERASE_THRESHOLD, message.identifyOptions().eraseThreshold());
    }

    private static UUID submit(int face) {
        return UUID.fromString(given()
                .multiPart("face", "face.png", TestImages.generated("png", face), "image/png")
                .multiPart("options", "{\"confidence\":0.5}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(202).extract().path("id"));
    }

    private static byte[] download(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
