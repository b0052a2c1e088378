package org.sim2word.gateway.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

/** Submissions that choose models by name are checked against the models the workers registered. */
@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class ModelChoiceTest {
    private static final String INSTALLED = "installed: dlib-resnet29, emotion, hse-faceres, vggface2-evidential";

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
    void whileNoWorkerHasRegisteredAnyModelNameIsAccepted() {
        given()
                .multiPart("a", "a.png", TestImages.generated("png", 40), "image/png")
                .multiPart("b", "b.png", TestImages.generated("png", 41), "image/png")
                .multiPart("options", "{\"verificationModel\":\"arcface-r100\"}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(202);
    }

    @Test
    void aPairNamingAModelNoWorkerHasIsRefusedListingTheInstalledOnes() {
        registerFourModels();
        given()
                .multiPart("a", "a.png", TestImages.generated("png", 40), "image/png")
                .multiPart("b", "b.png", TestImages.generated("png", 41), "image/png")
                .multiPart("options", "{\"verificationModel\":\"arcface-r100\"}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(400)
                .body("error", equalTo("options.verificationModel: no model named 'arcface-r100' is installed; "
                        + INSTALLED));
    }

    @Test
    void aPairChoosingInstalledModelsIsAccepted() {
        registerFourModels();
        UUID id = UUID.fromString(given()
                .multiPart("a", "a.png", TestImages.generated("png", 42), "image/png")
                .multiPart("b", "b.png", TestImages.generated("png", 43), "image/png")
                .multiPart("options", "{\"identificationModel\":\"hse-faceres\",\"attributeModels\":[\"emotion\"],"
                        + "\"verificationModel\":\"dlib-resnet29\"}", "application/json")
                .when().post("/v1/jobs")
                .then().statusCode(202).extract().path("id"));
        JobMessage message = Json.read(JobRecords.await(id).get(0).value(), JobMessage.class);
        assertEquals(List.of("emotion"), message.options().attributeModels());
    }

    @Test
    void anIdentificationNamingModelsThatCannotFillTheirRolesIsRefusedWithEveryProblem() {
        registerFourModels();
        given()
                .multiPart("face", "face.png", TestImages.generated("png", 44), "image/png")
                .multiPart("options", "{\"identificationModel\":\"dlib-resnet29\","
                        + "\"attributeModels\":[\"hse-faceres\",\"celeba-40\"],\"uncertaintyModel\":\"emotion\"}",
                        "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(400)
                .body("details", containsInAnyOrder(
                        "options.identificationModel: model 'dlib-resnet29' cannot serve as the identification "
                                + "model; its roles are verification",
                        "options.attributeModels[1]: no model named 'celeba-40' is installed; " + INSTALLED,
                        "options.uncertaintyModel: model 'emotion' cannot serve as the uncertainty model; its roles "
                                + "are attribute"));
    }

    @Test
    void anIdentificationChoosingAnEvidentialNetIsAcceptedAndItsMessageNamesTheModels() {
        registerFourModels();
        UUID id = UUID.fromString(given()
                .multiPart("face", "face.png", TestImages.generated("png", 45), "image/png")
                .multiPart("options", "{\"identificationModel\":\"hse-faceres\","
                        + "\"attributeModels\":[\"hse-faceres\",\"emotion\"],"
                        + "\"uncertaintyModel\":\"vggface2-evidential\"}", "application/json")
                .when().post("/v1/identifications")
                .then().statusCode(202).extract().path("id"));
        IdentifyOptions options = Json.read(JobRecords.await(id).get(0).value(), JobMessage.class).identifyOptions();
        assertEquals("hse-faceres", options.identificationModel());
        assertEquals(List.of("hse-faceres", "emotion"), options.attributeModels());
        assertEquals("vggface2-evidential", options.uncertaintyModel());
        given().when().get("/v1/jobs/" + id)
                .then().statusCode(200)
                .body("options.uncertaintyModel", equalTo("vggface2-evidential"));
    }

    @Test
    void anEvaluationNamingAModelNoWorkerHasIsRefused() {
        registerFourModels();
        Map<String, Object> body = Map.of("options", Map.of("attributeModels", List.of("hse-faceres", "celeba-40")),
                "pairs", List.of(Map.of("a", "0".repeat(64), "b", "1".repeat(64), "label", 1)));
        given().contentType(ContentType.JSON).body(Json.write(body))
                .when().post("/v1/evaluations")
                .then().statusCode(400)
                .body("details", hasSize(3))
                .body("details[0]", equalTo("options.attributeModels[1]: no model named 'celeba-40' is installed; "
                        + INSTALLED))
                .body("details[1]", containsString("pairs[0].a: there is no image with id"));
    }

    private void registerFourModels() {
        rows.announce("worker-1", ModelRows.FACERES, 1);
        rows.announce("worker-1", ModelRows.DLIB, 1);
        rows.announce("worker-1", ModelRows.EMOTION, 1);
        rows.announce("worker-2", ModelRows.EVIDENTIAL, 1);
    }
}
