package org.sim2word.worker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.AttributeUncertainty;
import org.sim2word.common.result.IdentificationExplanation;
import org.sim2word.common.result.BothMaskedScore;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.result.RankedWord;
import org.sim2word.worker.fault.ServiceUnavailableException;

/**
 * The worker's view of the {@code job} table and the result tables. Every state change is a guarded update that
 * only applies from the states {@link JobState} allows, so two workers that received the same job cannot both
 * finish it, and a finished job is never reopened.
 */
public final class JobStore {
    private static final String INSERT_HEATMAP = "insert into heatmap (job_id, probe, kind, attribute, raw_key, "
            + "overlay_key, width, height) values (?, ?, ?, ?, ?, ?, ?, ?)";
    private final DataSource dataSource;

    public JobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks the job running for this delivery.
     *
     * @return the number of deliveries so far, or empty when the job is already final (a duplicate delivery) or
     *     unknown
     */
    public OptionalInt claim(UUID jobId, String worker) {
        String sql = "update job set state = ?, attempts = attempts + 1, worker = ?, started_at = now(), "
                + "progress = 'starting', updated_at = now() where id = ? and state in " + from(JobState.RUNNING)
                + " returning attempts";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, JobState.RUNNING.wireName());
            s.setString(2, worker);
            s.setObject(3, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw unavailable("claim job " + jobId, e);
        }
    }

    /** The job's state, or empty when no such job exists. */
    public Optional<JobState> state(UUID jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select state from job where id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(JobState.fromWireName(r.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable("read job " + jobId, e);
        }
    }

    /** Records the stage a running job is in; best effort, as it only informs status readers. */
    public void progress(UUID jobId, String stage) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update job set progress = ?, updated_at = now() where id = ? and state = ?")) {
            s.setString(1, stage);
            s.setObject(2, jobId);
            s.setString(3, JobState.RUNNING.wireName());
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("report progress of job " + jobId, e);
        }
    }

    /** @return false when the job had already left a state from which it may fail */
    public boolean fail(UUID jobId, String reason) {
        String sql = "update job set state = ?, error = ?, progress = null, finished_at = now(), updated_at = now() "
                + "where id = ? and state in " + from(JobState.FAILED);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, JobState.FAILED.wireName());
            s.setString(2, reason);
            s.setObject(3, jobId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("fail job " + jobId, e);
        }
    }

    /**
     * Stores a pair's result and marks the job succeeded, in one transaction: readers see either no result and a
     * running job, or the whole result and a succeeded job.
     *
     * @return false when the job was no longer running (another delivery finished it); nothing is written then
     */
    public boolean succeed(UUID jobId, PairExplanation result) {
        return succeed(jobId, c -> insertResult(c, jobId, result));
    }

    /** As {@link #succeed(UUID, PairExplanation)}, for an identification job. */
    public boolean succeed(UUID jobId, IdentificationExplanation result) {
        return succeed(jobId, c -> insertIdentification(c, jobId, result));
    }

    /** Writes a result's rows inside the transaction that marks its job succeeded. */
    @FunctionalInterface
    private interface ResultRows {
        void insert(Connection c) throws SQLException;
    }

    private boolean succeed(UUID jobId, ResultRows rows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!markSucceeded(c, jobId)) {
                    c.rollback();
                    return false;
                }
                rows.insert(c);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("store the result of job " + jobId, e);
        }
    }

    private static boolean markSucceeded(Connection c, UUID jobId) throws SQLException {
        String sql = "update job set state = ?, progress = null, error = null, finished_at = now(), "
                + "updated_at = now() where id = ? and state in " + from(JobState.SUCCEEDED);
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, JobState.SUCCEEDED.wireName());
            s.setObject(2, jobId);
            return s.executeUpdate() == 1;
        }
    }

    private static void insertResult(Connection c, UUID jobId, PairExplanation result) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into pair_result (job_id, similarity, result) values (?, ?, ?::jsonb)")) {
            s.setObject(1, jobId);
            s.setDouble(2, result.similarity().cosine());
            s.setString(3, Json.write(result));
            s.executeUpdate();
        }
        try (PreparedStatement direction = c.prepareStatement("insert into direction_result (job_id, probe, "
                + "similarity, best_score, most_characteristic, same_identity, counterfactual_degenerate) "
                + "values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement attribute = c.prepareStatement("insert into attribute_score (job_id, probe, "
                     + "attribute, word, model, class_index, probability, eligible, score, self_score, both_masked, "
                     + "erased_fraction, rank, valid) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement heatmap = c.prepareStatement(INSERT_HEATMAP)) {
            double s0 = result.similarity().cosine();
            for (DirectionExplanation d : result.directions()) {
                direction.setObject(1, jobId);
                direction.setString(2, d.probe());
                direction.setDouble(3, s0);
                setNullableDouble(direction, 4, d.ranking().isEmpty() ? null : d.ranking().get(0).score());
                direction.setString(5, d.mostCharacteristic());
                direction.setBoolean(6, d.flags().sameIdentity());
                direction.setBoolean(7, d.flags().counterfactualDegenerate());
                direction.addBatch();
                for (AttributeScore a : d.attributes()) {
                    RankedWord ranked = d.ranking().stream().filter(w -> w.attribute().equals(a.attribute()))
                            .findFirst().orElse(null);
                    attribute.setObject(1, jobId);
                    attribute.setString(2, d.probe());
                    attribute.setString(3, a.attribute());
                    attribute.setString(4, a.word());
                    attribute.setString(5, a.model());
                    attribute.setInt(6, a.classIndex());
                    attribute.setDouble(7, a.probability());
                    attribute.setBoolean(8, a.eligible());
                    attribute.setDouble(9, a.score());
                    attribute.setDouble(10, a.selfScore());
                    setNullableDouble(attribute, 11, bothMasked(result, a.attribute()));
                    attribute.setDouble(12, a.erasedFraction());
                    if (ranked == null) {
                        attribute.setNull(13, java.sql.Types.INTEGER);
                    } else {
                        attribute.setInt(13, ranked.rank());
                    }
                    attribute.setBoolean(14, a.score() > s0);
                    attribute.addBatch();
                }
                addHeatmaps(heatmap, jobId, d.probe(), d.heatmaps());
            }
            direction.executeBatch();
            attribute.executeBatch();
            heatmap.executeBatch();
        }
    }

    private static void insertIdentification(Connection c, UUID jobId, IdentificationExplanation result)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into identification_result (job_id, predicted_class, "
                + "predicted_label, predicted_probability, uncertainty, uncertainty_model, substitute, result) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            s.setObject(1, jobId);
            s.setInt(2, result.predicted().index());
            s.setString(3, result.predicted().label());
            s.setDouble(4, result.predicted().probability());
            s.setDouble(5, result.original());
            s.setString(6, result.method().model());
            s.setBoolean(7, result.method().substitute());
            s.setString(8, Json.write(result));
            s.executeUpdate();
        }
        try (PreparedStatement attribute = c.prepareStatement("insert into attribute_uncertainty (job_id, attribute, "
                + "word, model, class_index, probability, eligible, selected, uncertainty, delta, erased_fraction, "
                + "rank) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement heatmap = c.prepareStatement(INSERT_HEATMAP)) {
            for (AttributeUncertainty a : result.attributes()) {
                attribute.setObject(1, jobId);
                attribute.setString(2, a.attribute());
                attribute.setString(3, a.word());
                attribute.setString(4, a.model());
                attribute.setInt(5, a.classIndex());
                attribute.setDouble(6, a.probability());
                attribute.setBoolean(7, a.eligible());
                attribute.setBoolean(8, a.selected());
                attribute.setDouble(9, a.uncertainty());
                attribute.setDouble(10, a.delta());
                attribute.setDouble(11, a.erasedFraction());
                attribute.setInt(12, a.rank());
                attribute.addBatch();
            }
            addHeatmaps(heatmap, jobId, "a", result.heatmaps());
            attribute.executeBatch();
            heatmap.executeBatch();
        }
    }

    private static void addHeatmaps(PreparedStatement heatmap, UUID jobId, String probe, List<HeatmapRef> refs)
            throws SQLException {
        for (HeatmapRef h : refs) {
            heatmap.setObject(1, jobId);
            heatmap.setString(2, probe);
            heatmap.setString(3, h.kind().wireName());
            heatmap.setString(4, h.attribute() == null ? "" : h.attribute());
            heatmap.setString(5, h.rawKey());
            heatmap.setString(6, h.overlayKey());
            heatmap.setInt(7, h.width());
            heatmap.setInt(8, h.height());
            heatmap.addBatch();
        }
    }

    private static Double bothMasked(PairExplanation result, String attribute) {
        return result.bothMasked().stream().filter(b -> b.attribute().equals(attribute))
                .map(BothMaskedScore::score).findFirst().orElse(null);
    }

    private static void setNullableDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, java.sql.Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    /** The SQL list of states from which a job may move to {@code target}, e.g. ('queued', 'running'). */
    private static String from(JobState target) {
        Set<JobState> sources = JobState.sourcesOf(target);
        return sources.stream().map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * A lost connection or a server shutting down is worth waiting out; any other SQL error is a defect that
     * trying again would only repeat.
     */
    private static RuntimeException unavailable(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean worthWaiting = e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
                || state.startsWith("08") || state.startsWith("57P") || state.isEmpty();
        if (worthWaiting) {
            return new ServiceUnavailableException("the database could not " + what + ": " + e.getMessage(), e);
        }
        return new IllegalStateException("the database refused to " + what + " (SQL state " + state + "): "
                + e.getMessage(), e);
    }
}
