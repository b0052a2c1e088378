package org.sim2word.aggregator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sim2word.aggregator.ExampleEvaluation.ExpectedWord;
import org.sim2word.aggregator.summary.SummaryService;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

/**
 * The aggregator against real PostgreSQL and Kafka: evaluations are written by SQL as the gateway and workers
 * would write them, job events are published with a plain producer, and the figures must be the hand-computed
 * ones of {@link ExampleEvaluation}.
 */
@QuarkusTest
@WithTestResource(LocalServicesTestResource.class)
class EvaluationSummaryTest {
    private static final double EPS = 1e-9;
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    SummaryService summaries;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private ExampleRows rows;
    private JobEvents events;

    @BeforeEach
    void connect() {
        rows = new ExampleRows(dataSource);
        events = new JobEvents(bootstrapServers);
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    @AfterEach
    void disconnect() {
        events.close();
    }

    @Test
    void liveWhileAJobRunsThenStoredWhenTheLastEventArrivesAndUnchangedByDuplicates() throws Exception {
        UUID evaluation = rows.evaluation(ExampleEvaluation.PAIRS);
        Map<Integer, UUID> jobs = rows.example(evaluation, JobState.RUNNING);
        UUID lastJob = jobs.get(ExampleEvaluation.LAST_PAIR);

        // An event for an evaluation that is not complete stores nothing ...
        events.awaitConsumed(events.publish(jobs.get(4), evaluation, JobState.SUCCEEDED), EVENT_TIMEOUT);
        assertFalse(storedSummaryExists(evaluation));
        // ... and the API computes a live summary from the five pairs that have scores.
        summary(evaluation)
                .body("complete", equalTo(false))
                .body("pairs", equalTo(7)).body("succeeded", equalTo(5)).body("failed", equalTo(1))
                .body("mated", equalTo(3)).body("nonMated", equalTo(2))
                .body("aucBefore", closeTo(ExampleEvaluation.LIVE_AUC_BEFORE, EPS))
                .body("aucUndefinedReason", nullValue());

        rows.succeed(lastJob, ExampleEvaluation.SUCCEEDED.get(ExampleEvaluation.LAST_PAIR));
        events.awaitConsumed(events.publish(lastJob, evaluation, JobState.SUCCEEDED), EVENT_TIMEOUT);

        StoredSummary stored = storedSummary(evaluation);
        assertEquals(List.of(7, 6, 1, 3, 3), List.of(stored.pairs, stored.succeeded, stored.failed, stored.mated,
                stored.nonMated));
        assertEquals(ExampleEvaluation.AUC_BEFORE, stored.aucBefore, EPS);
        assertEquals(ExampleEvaluation.AUC_AFTER, stored.aucAfter, EPS);
        assertTprTables(stored.tprAtFpr);
        assertTopAttributes(stored.topAttributes);

        ValidatableResponse response = summary(evaluation)
                .body("evaluationId", equalTo(evaluation.toString()))
                .body("complete", equalTo(true))
                .body("pairs", equalTo(7)).body("succeeded", equalTo(6)).body("failed", equalTo(1))
                .body("mated", equalTo(3)).body("nonMated", equalTo(3))
                .body("aucBefore", closeTo(ExampleEvaluation.AUC_BEFORE, EPS))
                .body("aucAfter", closeTo(ExampleEvaluation.AUC_AFTER, EPS))
                .body("tprAtFpr.before.keySet()", contains(ExampleEvaluation.TPR_BEFORE.keySet().toArray()))
                .body("tprAtFpr.before.'0.1'", closeTo(2.0 / 3, EPS))
                .body("tprAtFpr.after.'0.2'", closeTo(2.0 / 3, EPS))
                .body("tprAtFpr.after.'0.4'", closeTo(1.0, EPS))
                .body("topAttributes.word", contains(ExampleEvaluation.TOP_ATTRIBUTES.stream()
                        .map(ExpectedWord::word).toArray()))
                .body("topAttributes[0].rank", equalTo(1))
                .body("topAttributes[0].attribute", equalTo("Mouth Closed"))
                .body("topAttributes[0].mostCount", equalTo(3))
                .body("topAttributes[0].top5Count", equalTo(4))
                .body("topAttributes[0].meanDelta", closeTo(0.13, EPS));
        String computedAt = response.extract().path("computedAt");
        assertEquals(stored.computedAt, Instant.parse(computedAt));

        // The same event again, and a stale "running" event arriving late: the summary stays as it was.
        events.publish(lastJob, evaluation, JobState.SUCCEEDED);
        events.awaitConsumed(events.publish(lastJob, evaluation, JobState.RUNNING), EVENT_TIMEOUT);
        StoredSummary again = storedSummary(evaluation);
        assertEquals(stored.withoutComputedAt(), again.withoutComputedAt());
        assertFalse(again.computedAt.isBefore(stored.computedAt));
    }

    @Test
    void anUnreadableEventIsSkippedAndTheNextOneStillHandled() throws Exception {
        UUID evaluation = rows.evaluation(ExampleEvaluation.PAIRS);
        UUID lastJob = rows.example(evaluation, JobState.SUCCEEDED).get(ExampleEvaluation.LAST_PAIR);

        events.publishUnreadable(lastJob);
        events.awaitConsumed(events.publish(lastJob, evaluation, JobState.SUCCEEDED), EVENT_TIMEOUT);

        assertEquals(ExampleEvaluation.AUC_AFTER, storedSummary(evaluation).aucAfter, EPS);
    }

    @Test
    void sweepStoresSummariesWhoseEventsWereLostAndRemovesOnesThatNoLongerHold() throws Exception {
        UUID complete = rows.evaluation(ExampleEvaluation.PAIRS);
        rows.example(complete, JobState.SUCCEEDED);
        UUID retried = rows.evaluation(1);
        rows.job(retried, 0, false, JobState.QUEUED);
        insertStaleSummary(retried);

        summaries.sweep();

        StoredSummary stored = storedSummary(complete);
        assertEquals(ExampleEvaluation.AUC_BEFORE, stored.aucBefore, EPS);
        assertEquals(ExampleEvaluation.AUC_AFTER, stored.aucAfter, EPS);
        assertTopAttributes(stored.topAttributes);
        assertFalse(storedSummaryExists(retried), "a summary of an evaluation with a queued job must go");
    }

    @Test
    void aSummaryRequestedBeforeTheLastEventIsHandledIsStoredAndComplete() throws Exception {
        UUID evaluation = rows.evaluation(ExampleEvaluation.PAIRS);
        rows.example(evaluation, JobState.SUCCEEDED);

        summary(evaluation).body("complete", equalTo(true))
                .body("aucAfter", closeTo(ExampleEvaluation.AUC_AFTER, EPS));

        assertTrue(storedSummaryExists(evaluation));
    }

    @Test
    void withOnlyMatedScoresTheAucsAreNullWithAReason() throws Exception {
        UUID evaluation = rows.evaluation(2);
        UUID mated = rows.job(evaluation, 0, true, JobState.RUNNING);
        rows.job(evaluation, 1, false, JobState.QUEUED);
        rows.succeed(mated, ExampleEvaluation.SUCCEEDED.get(0));

        summary(evaluation)
                .body("complete", equalTo(false))
                .body("mated", equalTo(1)).body("nonMated", equalTo(0))
                .body("aucBefore", nullValue()).body("aucAfter", nullValue())
                .body("aucUndefinedReason", containsString("no non-mated pair has scores"))
                .body("tprAtFpr.before.'0.001'", nullValue())
                .body("topAttributes.size()", equalTo(0));
    }

    @Test
    void unknownOrMalformedEvaluationIdsAreNotFound() {
        given().get("/v1/evaluations/{id}/summary", UUID.randomUUID()).then()
                .statusCode(404).body("error", containsString("No evaluation has the id"));
        given().get("/v1/evaluations/{id}/summary", "not-a-uuid").then()
                .statusCode(404).body("error", containsString("'not-a-uuid'"));
        given().get("/v1/no-such-thing").then()
                .statusCode(404).body("error", containsString("docs/api.md"));
    }

    @Test
    void readyOnceItReachesPostgresAndKafka() throws Exception {
        Poll.until(EVENT_TIMEOUT, "the aggregator to be ready",
                () -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().body("status", equalTo("UP"));
    }

    private static ValidatableResponse summary(UUID evaluation) {
        return given().get("/v1/evaluations/{id}/summary", evaluation).then().statusCode(200);
    }

    private static void assertTprTables(Map<String, Map<String, Double>> tables) {
        assertEquals(List.of("after", "before"), tables.keySet().stream().sorted().toList());
        ExampleEvaluation.TPR_BEFORE.forEach((fpr, tpr) -> assertEquals(tpr, tables.get("before").get(fpr), EPS));
        ExampleEvaluation.TPR_AFTER.forEach((fpr, tpr) -> assertEquals(tpr, tables.get("after").get(fpr), EPS));
    }

    private static void assertTopAttributes(List<Object[]> stored) {
        List<ExpectedWord> expected = ExampleEvaluation.TOP_ATTRIBUTES;
        assertEquals(expected.size(), stored.size());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedWord e = expected.get(i);
            Object[] row = stored.get(i);
            assertEquals(List.of(i + 1, e.attribute(), e.word(), e.mostCount(), e.top5Count()),
                    List.of(row[0], row[1], row[2], row[3], row[4]));
            assertEquals(e.meanDelta(), (Double) row[5], EPS, e.toString());
        }
    }

    private boolean storedSummaryExists(UUID evaluation) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from evaluation_summary where evaluation_id = ?")) {
            s.setObject(1, evaluation);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private void insertStaleSummary(UUID evaluation) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into evaluation_summary (evaluation_id, pairs, succeeded, failed, mated, non_mated,
                                                     auc_before, auc_after, tpr_at_fpr)
                     values (?, 1, 0, 1, 0, 0, null, null, '{}'::jsonb)""")) {
            s.setObject(1, evaluation);
            s.executeUpdate();
        }
    }

    /** The summary rows as a dashboard would read them. */
    private record StoredSummary(int pairs, int succeeded, int failed, int mated, int nonMated, Double aucBefore,
                                 Double aucAfter, Map<String, Map<String, Double>> tprAtFpr,
                                 List<Object[]> topAttributes, Instant computedAt) {

        List<Object> withoutComputedAt() {
            List<Object> values = new ArrayList<>(List.of(pairs, succeeded, failed, mated, nonMated, aucBefore,
                    aucAfter, tprAtFpr));
            topAttributes.forEach(row -> values.add(List.of(row)));
            return values;
        }
    }

    @SuppressWarnings("unchecked")
    private StoredSummary storedSummary(UUID evaluation) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            StoredSummary summary;
            try (PreparedStatement s = c.prepareStatement("""
                    select pairs, succeeded, failed, mated, non_mated, auc_before, auc_after, tpr_at_fpr::text,
                           computed_at
                    from evaluation_summary where evaluation_id = ?""")) {
                s.setObject(1, evaluation);
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "no summary stored for evaluation " + evaluation);
                    summary = new StoredSummary(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5),
                            r.getObject(6, Double.class), r.getObject(7, Double.class),
                            Json.read(r.getString(8), Map.class), new ArrayList<>(),
                            r.getObject(9, OffsetDateTime.class).toInstant());
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select rank, attribute, word, most_count, top5_count, mean_delta
                    from evaluation_top_attribute where evaluation_id = ? order by rank""")) {
                s.setObject(1, evaluation);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        summary.topAttributes.add(new Object[] {r.getInt(1), r.getString(2), r.getString(3),
                                r.getInt(4), r.getInt(5), r.getDouble(6)});
                    }
                }
            }
            return summary;
        }
    }
}
