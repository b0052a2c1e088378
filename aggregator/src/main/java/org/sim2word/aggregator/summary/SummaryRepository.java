package org.sim2word.aggregator.summary;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sim2word.aggregator.metrics.AttributeOutcome;
import org.sim2word.aggregator.metrics.DirectionOutcome;
import org.sim2word.aggregator.metrics.EvaluationFigures;
import org.sim2word.aggregator.metrics.PairOutcome;
import org.sim2word.aggregator.metrics.TopAttribute;
import org.sim2word.aggregator.metrics.TprAtFpr;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;

/** The SQL of the aggregator: it reads jobs and scores, and owns evaluation_summary and evaluation_top_attribute. */
@ApplicationScoped
public class SummaryRepository {
    private static final TypeReference<Map<String, Map<String, Double>>> TPR_TABLES = new TypeReference<>() {
    };

    /**
     * Serialises everything the aggregator does to one evaluation (event, sweep, request), so that two of them
     * never replace its summary at once. "No key update" leaves inserts of its jobs, which share-lock the row, free.
     *
     * @return false when there is no such evaluation
     */
    public boolean lock(Connection connection, UUID evaluationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "select 1 from evaluation where id = ? for no key update")) {
            s.setObject(1, evaluationId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Empty when there is no such evaluation. */
    public Optional<EvaluationProgress> progress(Connection connection, UUID evaluationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                select e.pair_count, count(j.id),
                       count(j.id) filter (where j.state = ?), count(j.id) filter (where j.state = ?),
                       count(j.id) filter (where j.state = ?), count(j.id) filter (where j.state = ?)
                from evaluation e
                left join job j on j.evaluation_id = e.id
                where e.id = ?
                group by e.id""")) {
            s.setString(1, JobState.QUEUED.wireName());
            s.setString(2, JobState.RUNNING.wireName());
            s.setString(3, JobState.SUCCEEDED.wireName());
            s.setString(4, JobState.FAILED.wireName());
            s.setObject(5, evaluationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EvaluationProgress(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4),
                        r.getInt(5), r.getInt(6)));
            }
        }
    }

    /**
     * The scores of the evaluation's succeeded, labelled pairs. Attributes come in the worker's ranking order, so
     * that ties in s_i keep the order the worker showed them in.
     */
    public List<PairOutcome> outcomes(Connection connection, UUID evaluationId) throws SQLException {
        List<PairRows> pairs = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                select d.job_id, j.label, d.probe, d.similarity, a.attribute, a.word, a.eligible, a.score
                from job j
                join direction_result d on d.job_id = j.id
                left join attribute_score a on a.job_id = d.job_id and a.probe = d.probe
                where j.evaluation_id = ? and j.state = ? and j.label is not null
                order by j.pair_index, d.probe, a.rank nulls last, a.attribute""")) {
            s.setObject(1, evaluationId);
            s.setString(2, JobState.SUCCEEDED.wireName());
            s.setFetchSize(10_000); // an evaluation of 3000 pairs has about 180 000 attribute rows: stream them
            try (ResultSet r = s.executeQuery()) {
                PairRows pair = null;
                DirectionRows direction = null;
                while (r.next()) {
                    UUID jobId = r.getObject(1, UUID.class);
                    String probe = r.getString(3);
                    if (pair == null || !pair.jobId.equals(jobId)) {
                        pair = new PairRows(jobId, r.getInt(2) == 1);
                        pairs.add(pair);
                        direction = null;
                    }
                    if (direction == null || !direction.probe.equals(probe)) {
                        direction = new DirectionRows(probe, r.getDouble(4));
                        pair.directions.add(direction);
                    }
                    String attribute = r.getString(5);
                    if (attribute != null) {
                        direction.attributes.add(
                                new AttributeOutcome(attribute, r.getString(6), r.getBoolean(7), r.getDouble(8)));
                    }
                }
            }
        }
        return pairs.stream().map(PairRows::outcome).toList();
    }

    /** Empty when no summary is stored for the evaluation. */
    public Optional<EvaluationSummary> storedSummary(Connection connection, UUID evaluationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                select pairs, succeeded, failed, mated, non_mated, auc_before, auc_after, tpr_at_fpr::text, computed_at
                from evaluation_summary
                where evaluation_id = ?""")) {
            s.setObject(1, evaluationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                int mated = r.getInt(4);
                int nonMated = r.getInt(5);
                return Optional.of(new EvaluationSummary(evaluationId, true, r.getInt(1), r.getInt(2), r.getInt(3),
                        mated, nonMated, r.getObject(6, Double.class), r.getObject(7, Double.class),
                        EvaluationFigures.aucUndefinedReason(mated, nonMated), inTargetOrder(r.getString(8)),
                        topAttributes(connection, evaluationId), r.getObject(9, OffsetDateTime.class).toInstant()));
            }
        }
    }

    /**
     * Stores the summary of a complete evaluation, replacing any earlier one and its top attributes.
     *
     * @return when it was computed, by the database's clock
     */
    public Instant storeSummary(Connection connection, UUID evaluationId, EvaluationProgress progress,
                                EvaluationFigures figures) throws SQLException {
        Instant computedAt;
        try (PreparedStatement s = connection.prepareStatement("""
                insert into evaluation_summary (evaluation_id, pairs, succeeded, failed, mated, non_mated,
                                                auc_before, auc_after, tpr_at_fpr, computed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())
                on conflict (evaluation_id) do update
                set pairs = excluded.pairs, succeeded = excluded.succeeded, failed = excluded.failed,
                    mated = excluded.mated, non_mated = excluded.non_mated, auc_before = excluded.auc_before,
                    auc_after = excluded.auc_after, tpr_at_fpr = excluded.tpr_at_fpr,
                    computed_at = excluded.computed_at
                returning computed_at""")) {
            s.setObject(1, evaluationId);
            s.setInt(2, progress.pairCount());
            s.setInt(3, progress.succeeded());
            s.setInt(4, progress.failed());
            s.setInt(5, figures.matedPairs());
            s.setInt(6, figures.nonMatedPairs());
            setNullable(s, 7, figures.aucBefore());
            setNullable(s, 8, figures.aucAfter());
            s.setString(9, Json.write(EvaluationSummary.tprTables(figures)));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                computedAt = r.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
        deleteTopAttributes(connection, evaluationId);
        try (PreparedStatement s = connection.prepareStatement("""
                insert into evaluation_top_attribute (evaluation_id, rank, attribute, word, most_count, top5_count,
                                                      mean_delta)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            for (TopAttribute top : figures.topAttributes()) {
                s.setObject(1, evaluationId);
                s.setInt(2, top.rank());
                s.setString(3, top.attribute());
                s.setString(4, top.word());
                s.setInt(5, top.mostCount());
                s.setInt(6, top.top5Count());
                s.setDouble(7, top.meanDelta());
                s.addBatch();
            }
            s.executeBatch();
        }
        return computedAt;
    }

    /** Removes a summary that no longer holds, e.g. after a failed job of the evaluation was retried. */
    public void deleteSummary(Connection connection, UUID evaluationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "delete from evaluation_summary where evaluation_id = ?")) {
            s.setObject(1, evaluationId);
            s.executeUpdate();
        }
        deleteTopAttributes(connection, evaluationId);
    }

    /**
     * Evaluations whose stored summary disagrees with their jobs: complete without a summary (its last event was
     * lost, or arrived while the aggregator was down), or with a summary although a job is queued or running again.
     */
    public List<UUID> outOfStep(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                select e.id
                from evaluation e
                left join job j on j.evaluation_id = e.id
                group by e.id
                having (count(j.id) = e.pair_count and count(j.id) filter (where j.state in (?, ?)) = 0)
                       <> exists (select 1 from evaluation_summary s where s.evaluation_id = e.id)
                order by min(e.created_at)""")) {
            s.setString(1, JobState.QUEUED.wireName());
            s.setString(2, JobState.RUNNING.wireName());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static List<TopAttribute> topAttributes(Connection connection, UUID evaluationId) throws SQLException {
        List<TopAttribute> top = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("""
                select rank, attribute, word, most_count, top5_count, mean_delta
                from evaluation_top_attribute
                where evaluation_id = ?
                order by rank""")) {
            s.setObject(1, evaluationId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    top.add(new TopAttribute(r.getInt(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5),
                            r.getDouble(6)));
                }
            }
        }
        return top;
    }

    private static void deleteTopAttributes(Connection connection, UUID evaluationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "delete from evaluation_top_attribute where evaluation_id = ?")) {
            s.setObject(1, evaluationId);
            s.executeUpdate();
        }
    }

    /** jsonb keeps keys in its own order (shortest first); give them back in the order of the FPR targets. */
    private static Map<String, Map<String, Double>> inTargetOrder(String json) {
        Map<String, Map<String, Double>> stored;
        try {
            stored = Json.mapper().readValue(json, TPR_TABLES);
        } catch (IOException e) {
            throw new UncheckedIOException("evaluation_summary.tpr_at_fpr is not the JSON the aggregator writes", e);
        }
        Map<String, Map<String, Double>> ordered = new LinkedHashMap<>();
        for (String curve : List.of(EvaluationSummary.BEFORE, EvaluationSummary.AFTER)) {
            Map<String, Double> table = new LinkedHashMap<>();
            Map<String, Double> storedTable = stored.getOrDefault(curve, Map.of());
            for (double target : TprAtFpr.TARGETS) {
                String key = TprAtFpr.key(target);
                if (storedTable.containsKey(key)) {
                    table.put(key, storedTable.get(key));
                }
            }
            ordered.put(curve, table);
        }
        return ordered;
    }

    private static void setNullable(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    /** A pair being read row by row. */
    private static final class PairRows {
        final UUID jobId;
        final boolean mated;
        final List<DirectionRows> directions = new ArrayList<>();

        PairRows(UUID jobId, boolean mated) {
            this.jobId = jobId;
            this.mated = mated;
        }

        PairOutcome outcome() {
            return new PairOutcome(mated, directions.stream()
                    .map(d -> new DirectionOutcome(d.s0, d.attributes)).toList());
        }
    }

    /** A direction being read row by row. */
    private static final class DirectionRows {
        final String probe;
        final double s0;
        final List<AttributeOutcome> attributes = new ArrayList<>();

        DirectionRows(String probe, double s0) {
            this.probe = probe;
            this.s0 = s0;
        }
    }
}
