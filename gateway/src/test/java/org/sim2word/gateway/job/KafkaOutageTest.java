package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sim2word.gateway.Eventually;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.stack.LocalServices;

/** The gateway's promise while Kafka is down: the caller still gets 202 and the job waits for the republisher. */
@QuarkusTest
@TestProfile(KafkaOutageTest.KafkaDown.class)
class KafkaOutageTest {
    @Inject
    DataSource db;
    @Inject
    JobPublisher publisher;

    @Test
    void aPairIsStillAcceptedAndWaitsWithoutEnqueuedAt() {
        UUID id = UUID.fromString(given()
                .multiPart("a", "a.jpg", TestImages.face(12), "image/jpeg")
                .multiPart("b", "b.jpg", TestImages.face(13), "image/jpeg")
                .when().post("/v1/jobs")
                .then().statusCode(202)
                .body("state", equalTo("queued"))
                .extract().path("id"));
        Sql sql = new Sql(db);
        assertEquals("queued", sql.value(String.class, "select state from job where id = ?", id).orElseThrow());
        assertTrue(sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id).isEmpty());
        given().when().get("/v1/jobs/" + id).then().statusCode(200).body("state", equalTo("queued"));
    }

    @Test
    void theGatewayStaysLiveAndReadyAfterKafkaRefusedASend() {
        UUID id = UUID.fromString(given()
                .multiPart("a", "a.jpg", TestImages.face(14), "image/jpeg")
                .multiPart("b", "b.jpg", TestImages.face(15), "image/jpeg")
                .when().post("/v1/jobs")
                .then().statusCode(202).extract().path("id"));
        Eventually.await("Kafka to refuse job " + id, Duration.ofSeconds(20),
                () -> publisher.isInFlight(id) ? Optional.empty() : Optional.of(id));
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Kafka gives up on a send it cannot deliver after max.block.ms; short, so the test sees the refusal.
            return Map.of("sim2word.gateway.publish-timeout", "1s",
                    "mp.messaging.outgoing.jobs.max.block.ms", "1000");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(UnreachableKafka.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** The real PostgreSQL and S3, and a Kafka address where nothing listens. */
    public static class UnreachableKafka implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(LocalServices.shared().asProperties());
            config.put(LocalServices.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:1");
            return config;
        }

        @Override
        public void stop() {
        }
    }
}
