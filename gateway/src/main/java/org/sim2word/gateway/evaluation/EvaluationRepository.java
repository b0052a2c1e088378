package org.sim2word.gateway.evaluation;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.db.DatabaseException;
import org.sim2word.gateway.job.JobRepository;
import org.sim2word.gateway.job.NewJob;

/** Table {@code evaluation} and the view {@code evaluation_progress}. */
@ApplicationScoped
public class EvaluationRepository {
    private static final String PROGRESS = "select name, pair_count, created_at, queued, running, succeeded, failed "
            + "from evaluation_progress where evaluation_id = ?";
    private static final String JOBS = "select id, pair_index, label, state from job where evaluation_id = ? "
            + "order by pair_index";

    private final DataSource db;
    private final JobRepository jobs;

    public EvaluationRepository(DataSource db, JobRepository jobs) {
        this.db = db;
        this.jobs = jobs;
    }

    /**
     * Writes the evaluation and all its jobs in one transaction, so an evaluation never exists with part of its
     * pairs.
     *
     * @return the messages of its jobs, in pair order
     */
    public List<JobMessage> create(UUID id, String name, ExplainOptions options, List<NewJob> pairJobs) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "insert into evaluation (id, name, options, pair_count) values (?, ?, ?::jsonb, ?)")) {
                s.setObject(1, id);
                s.setString(2, name);
                s.setString(3, Json.write(options));
                s.setInt(4, pairJobs.size());
                s.executeUpdate();
                List<JobMessage> messages = jobs.insert(c, pairJobs);
                c.commit();
                return messages;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("creating evaluation " + id + " with " + pairJobs.size() + " jobs", e);
        }
    }

    public Optional<EvaluationView> find(UUID id, String summaryUrl) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(PROGRESS)) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    EvaluationView.Progress progress = new EvaluationView.Progress(rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7));
                    return Optional.of(new EvaluationView(id, rs.getString(1), rs.getInt(2), instant(rs, 3), progress,
                            jobs(c, id), summaryUrl));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading evaluation " + id, e);
        }
    }

    private static List<EvaluationView.Job> jobs(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(JOBS)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                List<EvaluationView.Job> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(new EvaluationView.Job(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3),
                            JobState.fromWireName(rs.getString(4))));
                }
                return list;
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
