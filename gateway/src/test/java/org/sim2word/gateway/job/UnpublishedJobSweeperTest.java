package org.sim2word.gateway.job;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.Eventually;
import org.sim2word.gateway.JobRecords;
import org.sim2word.gateway.Sql;
import org.sim2word.gateway.TestImages;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class UnpublishedJobSweeperTest {
    @Inject
    DataSource db;

    @Test
    void aQueuedJobThatNeverReachedKafkaIsSentByTheRepublisher() {
        String a = upload(10);
        String b = upload(11);
        UUID id = UUID.randomUUID();
        Sql sql = new Sql(db);
        // What a gateway leaves behind when Kafka was down: the row, without enqueued_at, a while ago.
        sql.update("insert into job (id, kind, state, image_a, image_b, options, created_at, updated_at) "
                + "values (?, 'pair', 'queued', ?, ?, ?::jsonb, now() - interval '1 minute', "
                + "now() - interval '1 minute')", id, a, b, Json.write(ExplainOptions.defaults()));

        Eventually.await("the republisher to record job " + id + " as enqueued", Duration.ofSeconds(30),
                () -> sql.value(OffsetDateTime.class, "select enqueued_at from job where id = ?", id));
        JobMessage message = Json.read(JobRecords.await(id).get(0).value(), JobMessage.class);
        assertEquals(id, message.jobId());
        assertEquals(sql.value(String.class, "select object_key from image where id = ?", a).orElseThrow(),
                message.imageA());
    }

    private static String upload(int face) {
        return given().multiPart("file", "face.jpg", TestImages.face(face), "image/jpeg")
                .when().post("/v1/images")
                .then().extract().path("id");
    }
}
