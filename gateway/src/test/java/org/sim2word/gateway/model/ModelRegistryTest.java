package org.sim2word.gateway.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.Sql;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

/** {@code GET /v1/models} and {@code /v1/models/{name}} over rows written as the workers write them. */
@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class ModelRegistryTest {
    private static final String OLD_FACERES_SHA = "0".repeat(64);

    @Inject
    DataSource db;

    private ModelRows rows;

    @BeforeEach
    void noWorkerHasRegisteredYet() {
        rows = new ModelRows(new Sql(db));
        rows.clear();
    }

    @AfterEach
    void leaveNoModelsForOtherTests() {
        rows.clear();
    }

    @Test
    void withNoWorkerRegisteredTheListIsEmpty() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("models", hasSize(0));
    }

    @Test
    void everyModelIsListedOnceWithItsRolesChecksumWordsAndTheWorkersThatServeIt() {
        rows.announce("worker-gpu-1", ModelRows.FACERES, 10);
        rows.announce("worker-cpu-1", ModelRows.FACERES.replace(ModelRows.FACERES_SHA, OLD_FACERES_SHA)
                .replace("human 3.3.6)", "human 3.3.5)"), 200);
        rows.announce("worker-gpu-1", ModelRows.DLIB, 10);
        rows.announce("worker-gpu-1", ModelRows.EMOTION, 10);

        JsonPath list = given().when().get("/v1/models")
                .then().statusCode(200)
                .body("models.name", equalTo(List.of("dlib-resnet29", "emotion", "hse-faceres")))
                .body("models[0].roles", equalTo(List.of("verification")))
                .body("models[0].sha256", equalTo(ModelRows.DLIB_SHA))
                .body("models[0].license", equalTo("CC0-1.0"))
                .body("models[0].input.width", equalTo(150))
                .body("models[0].heads", hasSize(0))
                .body("models[1].heads.attribute", equalTo(List.of("Smiling", "Neutral expression")))
                .body("models[1].heads[0].kind", equalTo("yes-no"))
                .body("models[1].heads[0].words", equalTo(List.of("Smiling")))
                .body("models[2].roles", equalTo(List.of("identification", "attribute")))
                .body("models[2].description", equalTo("HSE FaceRes: MobileNet trunk trained on VGGFace2."))
                .body("models[2].license", equalTo("Apache-2.0"))
                .body("models[2].input.height", equalTo(224))
                .body("models[2].input.resize", equalTo("bilinear"))
                .body("models[2].heads[1].attribute", equalTo("Age"))
                .body("models[2].heads[1].words", equalTo(List.of("Young", "Middle Aged", "Senior")))
                .extract().jsonPath();

        // Two workers have hse-faceres, with different copies: the one seen last speaks for the model, and each
        // worker's own checksum shows the disagreement.
        assertEquals(ModelRows.FACERES_SHA, list.getString("models[2].sha256"));
        assertEquals("HSE FaceRes faceres.json (@vladmandic/human 3.3.6)", list.getString("models[2].version"));
        assertEquals(List.of("worker-gpu-1", "worker-cpu-1"), list.getList("models[2].workers.name"));
        assertEquals(List.of(ModelRows.FACERES_SHA, OLD_FACERES_SHA), list.getList("models[2].workers.sha256"));
        Instant gpuSeen = Instant.parse(list.getString("models[2].workers[0].seenAt"));
        Instant cpuSeen = Instant.parse(list.getString("models[2].workers[1].seenAt"));
        Duration apart = Duration.between(cpuSeen, gpuSeen);
        assertTrue(apart.minusSeconds(190).abs().compareTo(Duration.ofSeconds(5)) < 0, apart.toString());
        assertEquals(gpuSeen, Instant.parse(list.getString("models[2].lastSeenAt")));
    }

    @Test
    void modelsOfAWorkerThatStoppedRenewingThemAreNoLongerListedOrServed() {
        rows.announce("worker-alive", ModelRows.DLIB, 30);
        rows.announce("worker-alive", ModelRows.FACERES, 30);
        rows.announce("worker-died", ModelRows.FACERES, 600);
        rows.announce("worker-died", ModelRows.EMOTION, 600);

        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("models.name", equalTo(List.of("dlib-resnet29", "hse-faceres")))
                .body("models[1].workers.name", equalTo(List.of("worker-alive")));
        given().when().get("/v1/models/emotion")
                .then().statusCode(404);
    }

    @Test
    void oneModelsFullDescriptorIsServedAsTheWorkerReadIt() {
        rows.announce("worker-1", ModelRows.FACERES, 5);
        String body = given().when().get("/v1/models/hse-faceres")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .extract().asString();
        assertEquals(Json.read(ModelRows.FACERES, JsonNode.class), Json.read(body, JsonNode.class));
    }

    @Test
    void anUnknownModelIsNotFound() {
        rows.announce("worker-1", ModelRows.FACERES, 5);
        given().when().get("/v1/models/arcface-r100")
                .then().statusCode(404)
                .body("error", equalTo("there is no installed model named 'arcface-r100'; GET /v1/models lists "
                        + "the installed ones"));
    }
}
