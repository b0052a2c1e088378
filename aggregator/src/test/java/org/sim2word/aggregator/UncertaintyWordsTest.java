package org.sim2word.aggregator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sim2word.aggregator.IdentificationRows.Scored;
import org.sim2word.aggregator.summary.SummaryService;
import org.sim2word.common.job.JobState;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

/**
 * {@code GET /v1/uncertainty/words} over identifications written by SQL as the workers write them, and evaluation
 * summaries with identification jobs beside them.
 */
@QuarkusTest
@WithTestResource(LocalServicesTestResource.class)
class UncertaintyWordsTest {
    private static final double EPS = 1e-9;
    private static final String EVIDENTIAL = "vggface2-evidential";
    private static final String SUBSTITUTE = "hse-faceres";

    @Inject
    DataSource dataSource;

    @Inject
    SummaryService summaries;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private IdentificationRows identifications;

    @BeforeEach
    void noIdentificationsYet() throws Exception {
        identifications = new IdentificationRows(dataSource);
        identifications.clear();
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    @AfterEach
    void leaveNoIdentificationsForOtherTests() throws Exception {
        identifications.clear();
    }

    @Test
    void withoutIdentificationsThereAreNoWords() {
        given().get("/v1/uncertainty/words").then()
                .statusCode(200)
                .body("model", nullValue())
                .body("words.size()", equalTo(0));
    }

    @Test
    void aModelNameThePostgresCannotTakeIsTheCallersMistakeNotAnOutage() {
        given().urlEncodingEnabled(false).get("/v1/uncertainty/words?model=a%00b").then()
                .statusCode(400)
                .body("error", containsString("a value the summary database cannot take"));
    }

    @Test
    void everyWordOfEveryModelIsCountedTheMostSelectedFirst() throws Exception {
        fourFaces();

        given().get("/v1/uncertainty/words").then()
                .statusCode(200)
                .body("model", nullValue())
                .body("words.word", contains("Male", "Young", "Male", "Smiling"))
                .body("words.uncertaintyModel", contains(EVIDENTIAL, EVIDENTIAL, SUBSTITUTE, EVIDENTIAL))
                .body("words.substitute", contains(false, false, true, false))
                .body("words.faces", contains(3, 2, 1, 2))
                .body("words.selected", contains(3, 2, 1, 1))
                .body("words.rankedFirst", contains(2, 1, 1, 0))
                .body("words[0].meanDelta", closeTo(0.2, EPS))
                .body("words[0].meanRank", closeTo(4.0 / 3, EPS))
                .body("words[1].meanDelta", closeTo(0.2, EPS))
                .body("words[1].meanRank", closeTo(1.5, EPS))
                .body("words[2].meanDelta", closeTo(0.4, EPS))
                .body("words[3].meanDelta", closeTo(0.03, EPS))
                .body("words[3].meanRank", closeTo(2.5, EPS));
    }

    @Test
    void theWordsOfOneUncertaintyModelAreFilteredByName() throws Exception {
        fourFaces();

        given().queryParam("model", SUBSTITUTE).get("/v1/uncertainty/words").then()
                .statusCode(200)
                .body("model", equalTo(SUBSTITUTE))
                .body("words.word", contains("Male"))
                .body("words[0].substitute", equalTo(true))
                .body("words[0].faces", equalTo(1));
        given().queryParam("model", "no-such-model").get("/v1/uncertainty/words").then()
                .statusCode(200)
                .body("words.size()", equalTo(0));
        given().queryParam("model", " ").get("/v1/uncertainty/words").then()
                .statusCode(200)
                .body("model", nullValue())
                .body("words.size()", equalTo(4));
    }

    @Test
    void identificationJobsAndTheirEventsLeaveEvaluationSummariesAlone() throws Exception {
        ExampleRows rows = new ExampleRows(dataSource);
        UUID evaluation = rows.evaluation(ExampleEvaluation.PAIRS);
        rows.example(evaluation, JobState.SUCCEEDED);
        UUID identification = identifications.succeeded(EVIDENTIAL, false, new Scored("Male", true, 1, 0.2));

        // The worker announces an identification like any job, with no evaluation id.
        try (JobEvents events = new JobEvents(bootstrapServers)) {
            events.publish(identification, null, JobState.RUNNING);
            events.awaitConsumed(events.publish(identification, null, JobState.SUCCEEDED), Duration.ofSeconds(60));
        }
        summaries.sweep();

        given().get("/v1/evaluations/{id}/summary", evaluation).then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("pairs", equalTo(7))
                .body("succeeded", equalTo(6))
                .body("aucBefore", closeTo(ExampleEvaluation.AUC_BEFORE, EPS))
                .body("aucAfter", closeTo(ExampleEvaluation.AUC_AFTER, EPS));
        given().get("/v1/evaluations/{id}/summary", identification).then()
                .statusCode(404);
        assertEquals(1, given().get("/v1/uncertainty/words").then().statusCode(200)
                .extract().jsonPath().getList("words").size());
    }

    /**
     * Three faces explained with an evidential net and one with the substitute. Male: selected in all three, first
     * in two, deltas .2 .1 .3 → mean .2, ranks 1 2 1 → 4/3. Young: selected twice, first once, .1 .3 → .2, ranks
     * 2 1. Smiling: selected once, first never, .01 .05 → .03, ranks 3 2. Male (substitute): one face, first, .4.
     */
    private void fourFaces() throws Exception {
        identifications.succeeded(EVIDENTIAL, false, new Scored("Male", true, 1, 0.2),
                new Scored("Young", true, 2, 0.1), new Scored("Smiling", false, 3, 0.01));
        identifications.succeeded(EVIDENTIAL, false, new Scored("Male", true, 2, 0.1),
                new Scored("Young", true, 1, 0.3));
        identifications.succeeded(EVIDENTIAL, false, new Scored("Male", true, 1, 0.3),
                new Scored("Smiling", true, 2, 0.05));
        identifications.succeeded(SUBSTITUTE, true, new Scored("Male", true, 1, 0.4));
    }
}
