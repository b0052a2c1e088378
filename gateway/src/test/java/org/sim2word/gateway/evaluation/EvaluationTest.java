package org.sim2word.gateway.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class EvaluationTest {
    @Inject
    DataSource db;

    @Test
    void anEvaluationBecomesOneQueuedJobPerPairAndItsProgressCountsThem() {
        String x = upload(7);
        String y = upload(8);
        String z = upload(9);
        Map<String, Object> body = Map.of("name", "three pairs", "options", Map.of("fill", "mean"),
                "pairs", List.of(Map.of("a", x, "b", y, "label", 1), Map.of("a", x, "b", z, "label", 0),
                        Map.of("a", y, "b", z, "label", 0)));
        JsonPath accepted = given().contentType(ContentType.JSON).body(Json.write(body))
                .when().post("/v1/evaluations")
                .then().statusCode(202)
                .header("Location", startsWith("/v1/evaluations/"))
                .body("jobs", equalTo(3))
                .extract().jsonPath();
        UUID id = UUID.fromString(accepted.getString("id"));
        assertEquals("/v1/evaluations/" + id, accepted.getString("url"));

        JsonPath evaluation = given().when().get("/v1/evaluations/" + id)
                .then().statusCode(200)
                .body("name", equalTo("three pairs"))
                .body("pairCount", equalTo(3))
                .body("progress.queued", equalTo(3))
                .body("progress.running", equalTo(0))
                .body("jobs", hasSize(3))
                .body("jobs.pairIndex", equalTo(List.of(0, 1, 2)))
                .body("jobs.label", equalTo(List.of(1, 0, 0)))
                .body("summaryUrl", equalTo("http://127.0.0.1:8082/v1/evaluations/" + id + "/summary"))
                .extract().jsonPath();

        UUID first = UUID.fromString(evaluation.getString("jobs[0].id"));
        JobMessage message = Json.read(JobRecords.await(first).get(0).value(), JobMessage.class);
        assertEquals(id, message.evaluationId());
        assertEquals("mean", message.options().fill().wireName());

        new Sql(db).update("update job set state = 'failed', error = 'test' where id = ?", first);
        given().when().get("/v1/evaluations/" + id)
                .then().statusCode(200)
                .body("progress.queued", equalTo(2))
                .body("progress.failed", equalTo(1))
                .body("jobs[0].state", equalTo("failed"));
        given().when().get("/v1/jobs/" + first)
                .then().statusCode(200)
                .body("evaluationId", equalTo(id.toString()))
                .body("pairIndex", equalTo(0))
                .body("label", equalTo(1));
    }

    @Test
    void unknownImagesAndBadLabelsAreAllListed() {
        String x = upload(7);
        String missing = "0".repeat(64);
        Map<String, Object> body = Map.of("pairs", List.of(Map.of("a", x, "b", missing, "label", 1),
                Map.of("a", x, "b", x, "label", 7)));
        given().contentType(ContentType.JSON).body(Json.write(body))
                .when().post("/v1/evaluations")
                .then().statusCode(400)
                .body("details", hasItems(
                        "pairs[1].label must be 0 or 1, was 7",
                        "pairs[0].b: there is no image with id " + missing + "; upload it with POST /v1/images first"));
    }

    @Test
    void aValueTheDatabaseCannotStoreIsTheCallersMistakeNotAnOutage() {
        String body = "{\"pairs\":[{\"a\":\"x\\u0000\",\"b\":\"y\",\"label\":1}]}";
        given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/evaluations")
                .then().statusCode(400)
                .body("error", containsString("a value the job database cannot store"));
    }

    @Test
    void anEmptyPairListIsRefused() {
        given().contentType(ContentType.JSON).body("{\"name\":\"nothing\",\"pairs\":[]}")
                .when().post("/v1/evaluations")
                .then().statusCode(400)
                .body("error", containsString("pairs is empty"));
    }

    @Test
    void anUnknownEvaluationIs404() {
        given().when().get("/v1/evaluations/" + UUID.randomUUID())
                .then().statusCode(404).body("error", containsString("there is no evaluation with id"));
    }

    private static String upload(int face) {
        return given().multiPart("file", "face", TestImages.face(face), "application/octet-stream")
                .when().post("/v1/images")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)))
                .extract().path("id");
    }
}
