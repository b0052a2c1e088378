package org.sim2word.gateway.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.OriginalLayout;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.gateway.db.DatabaseException;

/**
 * Table {@code job} and the result rows the gateway reads, for jobs of both kinds. The gateway only ever writes
 * {@code queued} jobs.
 */
@ApplicationScoped
public class JobRepository {
    private static final String INSERT = "insert into job "
            + "(id, kind, state, evaluation_id, pair_index, label, image_a, image_b, options) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
    private static final String FIND = "select id, kind, state, evaluation_id, pair_index, label, options::text, "
            + "error, progress, attempts, created_at, started_at, finished_at from job where id = ?";
    // The message names the stored objects, so it is rebuilt from the job and its images' keys. An identification
    // has no second image: its key is null.
    private static final String MESSAGE_COLUMNS = "j.id, j.kind, j.evaluation_id, "
            + "(select object_key from image where id = j.image_a), "
            + "(select object_key from image where id = j.image_b), j.options::text";
    private static final String UNPUBLISHED = "select " + MESSAGE_COLUMNS + ", j.updated_at from job j "
            + "where j.state = ? and j.enqueued_at is null and j.updated_at < now() - ? * interval '1 millisecond' "
            + "order by j.created_at limit ?";
    private static final String REQUEUE = "update job j set state = ?, error = null, progress = null, "
            + "enqueued_at = null, started_at = null, finished_at = null, updated_at = now() "
            + "where j.id = ? and j.state = any(?) "
            + "returning " + MESSAGE_COLUMNS + ", j.updated_at";

    private final DataSource db;

    public JobRepository(DataSource db) {
        this.db = db;
    }

    /** Inserts one lone job in its own transaction. */
    public JobMessage insert(NewJob job) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                JobMessage message = insert(c, List.of(job)).get(0);
                c.commit();
                return message;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("inserting job " + job.id(), e);
        }
    }

    /**
     * Inserts queued jobs on the caller's connection, inside the caller's transaction.
     *
     * @return the messages to publish, stamped with the transaction's time, which is every row's created_at
     */
    public List<JobMessage> insert(Connection c, List<NewJob> jobs) throws SQLException {
        Instant now;
        try (PreparedStatement s = c.prepareStatement("select now()"); ResultSet rs = s.executeQuery()) {
            rs.next();
            now = instant(rs, 1);
        }
        List<JobMessage> messages = new ArrayList<>(jobs.size());
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (NewJob job : jobs) {
                s.setObject(1, job.id());
                s.setString(2, JobKind.PAIR.wireName());
                s.setString(3, JobState.QUEUED.wireName());
                s.setObject(4, job.evaluationId());
                s.setObject(5, job.pairIndex(), Types.INTEGER);
                s.setObject(6, job.label(), Types.SMALLINT);
                s.setString(7, job.a().id());
                s.setString(8, job.b().id());
                s.setString(9, Json.write(job.options()));
                s.addBatch();
                messages.add(JobMessage.pair(job.id(), job.evaluationId(), job.a().objectKey(), job.b().objectKey(),
                        job.options(), now));
            }
            s.executeBatch();
        }
        return messages;
    }

    /**
     * Inserts one identification job in its own transaction: one face, no evaluation, the {@code IdentifyOptions}
     * in the options column.
     */
    public JobMessage insert(NewIdentification job) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(INSERT + " returning created_at")) {
            s.setObject(1, job.id());
            s.setString(2, JobKind.IDENTIFY.wireName());
            s.setString(3, JobState.QUEUED.wireName());
            s.setNull(4, Types.OTHER);
            s.setNull(5, Types.INTEGER);
            s.setNull(6, Types.SMALLINT);
            s.setString(7, job.face().id());
            s.setNull(8, Types.VARCHAR);
            s.setString(9, Json.write(job.options()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return JobMessage.identify(job.id(), job.face().objectKey(), job.options(), instant(rs, 1));
            }
        } catch (SQLException e) {
            throw new DatabaseException("inserting identification job " + job.id(), e);
        }
    }

    public Optional<JobRecord> find(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JobKind kind = JobKind.fromWireName(rs.getString(2));
                return Optional.of(new JobRecord(rs.getObject(1, UUID.class), kind,
                        JobState.fromWireName(rs.getString(3)), rs.getObject(4, UUID.class),
                        rs.getObject(5, Integer.class), rs.getObject(6, Integer.class),
                        options(kind, rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getInt(10), instant(rs, 11), instant(rs, 12), instant(rs, 13)));
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading job " + id, e);
        }
    }

    /** The stored result JSON of a succeeded job: a {@code PairExplanation} or an {@code IdentificationExplanation}. */
    public Optional<String> result(UUID id, JobKind kind) {
        String table = switch (kind) {
            case PAIR -> "pair_result";
            case IDENTIFY -> "identification_result";
        };
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select result::text from " + table + " where job_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading the result of job " + id, e);
        }
    }

    /**
     * The stored result of a succeeded job in the original repository's layout (method §4.1), with its images'
     * keys, its label and its evaluation's name (or "Test" for a lone job) filled in.
     */
    public Optional<String> originalLayout(UUID id) {
        String sql = "select r.result::text, a.object_key, b.object_key, j.label, e.name from pair_result r "
                + "join job j on j.id = r.job_id join image a on a.id = j.image_a join image b on b.id = j.image_b "
                + "left join evaluation e on e.id = j.evaluation_id where r.job_id = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PairExplanation result = Json.read(rs.getString(1), PairExplanation.class);
                String dataset = rs.getString(5) == null ? "Test" : rs.getString(5);
                return Optional.of(OriginalLayout.write(OriginalLayout.of(result, dataset,
                        rs.getObject(4, Integer.class), rs.getString(2), rs.getString(3))));
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading the result of job " + id, e);
        }
    }

    /** Records that Kafka acknowledged the job's message, which takes it off the republisher's list. */
    public void markEnqueued(UUID id) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update job set enqueued_at = now() where id = ? and enqueued_at is null")) {
            s.setObject(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("marking job " + id + " as enqueued", e);
        }
    }

    /** Queued jobs whose message Kafka has not acknowledged although they were last queued before {@code grace}. */
    public List<JobMessage> unpublished(Duration grace, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(UNPUBLISHED)) {
            s.setString(1, JobState.QUEUED.wireName());
            s.setLong(2, grace.toMillis());
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<JobMessage> messages = new ArrayList<>();
                while (rs.next()) {
                    messages.add(message(rs));
                }
                return messages;
            }
        } catch (SQLException e) {
            throw new DatabaseException("looking for jobs that have not reached Kafka", e);
        }
    }

    /**
     * Puts a job back in the queue if its state allows it; the guard in SQL makes concurrent retries safe.
     *
     * @return the message to publish, or empty when the job is unknown or may not be queued again
     */
    public Optional<JobMessage> requeue(UUID id) {
        Object[] sources = JobState.sourcesOf(JobState.QUEUED).stream().map(JobState::wireName).toArray();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(REQUEUE)) {
            s.setString(1, JobState.QUEUED.wireName());
            s.setObject(2, id);
            s.setArray(3, c.createArrayOf("text", sources));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(message(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("queueing job " + id + " again", e);
        }
    }

    /** Reads {@link #MESSAGE_COLUMNS} followed by the time the job was (re)queued. */
    private static JobMessage message(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        String options = rs.getString(6);
        return switch (JobKind.fromWireName(rs.getString(2))) {
            case PAIR -> JobMessage.pair(id, rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5),
                    Json.read(options, ExplainOptions.class), instant(rs, 7));
            case IDENTIFY -> JobMessage.identify(id, rs.getString(4), Json.read(options, IdentifyOptions.class),
                    instant(rs, 7));
        };
    }

    /** The options column holds the options of the job's kind. */
    private static Object options(JobKind kind, String json) {
        return switch (kind) {
            case PAIR -> Json.read(json, ExplainOptions.class);
            case IDENTIFY -> Json.read(json, IdentifyOptions.class);
        };
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
