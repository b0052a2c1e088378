package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.BothMaskedScore;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.DirectionFlags;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.IdentitySet;
import org.sim2word.common.result.ModelRef;
import org.sim2word.common.result.Similarity;
import org.sim2word.common.result.Timings;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.storage.StorageKeys;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.gateway.storage.ObjectStore;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class JobReadingTest {
    @Inject
    DataSource db;
    @Inject
    ObjectStore store;

    @Test
    void anUnknownJobIs404InTheErrorShape() {
        given().when().get("/v1/jobs/" + UUID.randomUUID())
                .then().statusCode(404).body("error", containsString("there is no job with id"));
        given().when().get("/v1/jobs/not-a-uuid")
                .then().statusCode(404).body("error", equalTo("there is no job with id not-a-uuid"));
    }

    @Test
    void aSucceededJobShowsItsResultWithHeatmapLinksThatDownload() throws Exception {
        UUID id = submit();
        byte[] raw = TestImages.generated("png", 101);
        byte[] overlay = TestImages.generated("png", 102);
        HeatmapRef map = new HeatmapRef(HeatmapKind.JOINT, "Smiling",
                StorageKeys.rawMap(id, "a", HeatmapKind.JOINT, "Smiling"),
                StorageKeys.overlay(id, "a", HeatmapKind.JOINT, "Smiling"), 64, 64);
        store.put(map.rawKey(), raw, "image/png");
        store.put(map.overlayKey(), overlay, "image/png");
        PairExplanation result = new PairExplanation(PairExplanation.SCHEMA, id, null,
                List.of(new DirectionExplanation("a", "b", null, null, List.of(), List.of(), "Smiling", null,
                        List.of(map))),
                List.of(), List.of(), ExplainOptions.defaults(), null, List.of());
        Sql sql = new Sql(db);
        sql.update("update job set state = 'succeeded', attempts = 1, started_at = now(), finished_at = now() "
                + "where id = ?", id);
        sql.update("insert into pair_result (job_id, similarity, result) values (?, 0.42, ?::jsonb)", id,
                Json.write(result));

        JsonPath job = given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("state", equalTo("succeeded"))
                .body("result.jobId", equalTo(id.toString()))
                .body("result.directions[0].mostCharacteristic", equalTo("Smiling"))
                .body("result.directions[0].heatmaps[0].rawKey", equalTo(map.rawKey()))
                .extract().jsonPath();
        HttpClient http = HttpClient.newHttpClient();
        assertArrayEquals(raw, download(http, job.getString("result.directions[0].heatmaps[0].rawUrl")));
        assertArrayEquals(overlay, download(http, job.getString("result.directions[0].heatmaps[0].overlayUrl")));
    }

    @Test
    void aFailedJobSaysWhyAndHasNoResult() {
        UUID id = submit();
        new Sql(db).update("update job set state = 'failed', error = 'the face could not be aligned' where id = ?", id);
        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("error", equalTo("the face could not be aligned"))
                .body("result", nullValue());
    }

    @Test
    void retryingAFailedJobQueuesItAndSendsItToKafkaAgain() {
        UUID id = submit();
        JobRecords.await(id, 1);
        Sql sql = new Sql(db);
        sql.update("update job set state = 'failed', error = 'worker crashed', attempts = 3, "
                + "finished_at = now() where id = ?", id);

        given().when().post("/v1/jobs/" + id + "/retry")
                .then().statusCode(202)
                .body("id", equalTo(id.toString()))
                .body("state", equalTo("queued"));

        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("state", equalTo("queued"))
                .body("error", nullValue())
                .body("finishedAt", nullValue())
                .body("attempts", equalTo(3));
        var records = JobRecords.await(id, 2);
        assertEquals(id, Json.read(records.get(1).value(), JobMessage.class).jobId());
        assertNotNull(sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id)
                .orElse(null));
    }

    @Test
    void retryingAJobThatHasNotFailedIsAConflict() {
        UUID id = submit();
        given().when().post("/v1/jobs/" + id + "/retry")
                .then().statusCode(409)
                .body("error", equalTo("job " + id + " is queued; only a failed job can be retried"));
        given().when().post("/v1/jobs/" + UUID.randomUUID() + "/retry").then().statusCode(404);
    }

    @Test
    void aSucceededJobCanBeReadInTheOriginalRepositorysLayout() {
        UUID id = submit();
        given().when().get("/v1/jobs/" + id + "/original-layout")
                .then().statusCode(409).body("error", containsString("is queued"));
        PairExplanation result = new PairExplanation(PairExplanation.SCHEMA, id, Similarity.of(0.77),
                List.of(direction("a", "b"), direction("b", "a")),
                List.of(new BothMaskedScore("Gender", 0.8, Similarity.angular(0.8), true)),
                List.of(new ModelRef("verification", "dlib-resnet29", "0")), ExplainOptions.defaults(),
                new Timings(1, 2, 3, 6), List.of());
        Sql sql = new Sql(db);
        sql.update("update job set state = 'succeeded', attempts = 1, started_at = now(), finished_at = now() "
                + "where id = ?", id);
        sql.update("insert into pair_result (job_id, similarity, result) values (?, 0.77, ?::jsonb)", id,
                Json.write(result));

        String text = given().when().get("/v1/jobs/" + id + "/original-layout")
                .then().statusCode(200)
                .body("Datasets", equalTo("Test"))
                .body("similarity", equalTo(0.77f))
                .body("verification-net", equalTo("dlib-resnet29"))
                .body("class1[0][0]", equalTo(0))
                .body("class2[0][0]", equalTo(1))
                .body("'attributes-image1'.'image1-f_attr_0'[1]", equalTo(0.81f))
                .body("'attributes-both-masked'.'Both_masked-f_attr_0'", equalTo(0.8f))
                .extract().asString();
        assertTrue(text.contains("\n    \"Datasets\":\"Test\""), "indent 4, no space after colons: " + text);
        assertTrue(text.contains("\"image-path1\":\"images/"), text);
    }

    private static DirectionExplanation direction(String probe, String counter) {
        return new DirectionExplanation(probe, counter,
                new IdentitySet(List.of(new IdentityMatch(probe.equals("a") ? 0 : 1, "x", 0.9, 0.99)), false),
                new IdentitySet(List.of(new IdentityMatch(probe.equals("a") ? 1 : 0, "y", 0.8, 0.98)), false),
                List.of(new AttributeScore("Gender", "Male", "hse-faceres", 0, 0.99, true, 0.81, 0.97, 0.05)),
                List.of(), "Male", new DirectionFlags(false, false, false, List.of(), List.of()), List.of());
    }

    private static UUID submit() {
        return UUID.fromString(given()
                .multiPart("a", "a.jpg", TestImages.face(4), "image/jpeg")
                .multiPart("b", "b.jpg", TestImages.face(5), "image/jpeg")
                .when().post("/v1/jobs")
                .then().statusCode(202).extract().path("id"));
    }

    private static byte[] download(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
