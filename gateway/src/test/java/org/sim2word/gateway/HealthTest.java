package org.sim2word.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void theGatewayIsReadyWhenItsDatabaseAndObjectStoreAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("object store"));
    }

    @Test
    void anUnknownPathAnswersInTheErrorShape() {
        given().when().get("/v1/nothing-here")
                .then().statusCode(404)
                .body("error", equalTo("nothing is served at this path; see docs/api.md"));
    }
}
