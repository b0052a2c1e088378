package org.sim2word.aggregator;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.sim2word.aggregator.ExampleEvaluation.Attribute;
import org.sim2word.aggregator.ExampleEvaluation.Pair;
import org.sim2word.common.job.JobState;

/**
 * Writes evaluations into the V1 schema the way the gateway and the workers would: images, the evaluation, one job
 * per pair, and for succeeded jobs the pair result, both directions and every attribute score.
 */
final class ExampleRows {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    ExampleRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An evaluation with its two faces, and no jobs yet. */
    UUID evaluation(int pairCount) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            update(c, "insert into evaluation (id, name, options, pair_count) values (?, 'example', '{}'::jsonb, ?)",
                    id, pairCount);
        }
        return id;
    }

    /**
     * The example evaluation with its last pair in {@code lastPairState} (scores stored only if succeeded).
     *
     * @return job ids by pair index
     */
    Map<Integer, UUID> example(UUID evaluationId, JobState lastPairState) throws SQLException {
        Map<Integer, UUID> jobs = new LinkedHashMap<>();
        for (Pair pair : ExampleEvaluation.SUCCEEDED) {
            boolean last = pair.index() == ExampleEvaluation.LAST_PAIR;
            UUID job = job(evaluationId, pair.index(), pair.mated(), last ? lastPairState : JobState.SUCCEEDED);
            if (!last || lastPairState == JobState.SUCCEEDED) {
                scores(job, pair);
            }
            jobs.put(pair.index(), job);
        }
        jobs.put(ExampleEvaluation.FAILED_PAIR,
                job(evaluationId, ExampleEvaluation.FAILED_PAIR, false, JobState.FAILED));
        return jobs;
    }

    UUID job(UUID evaluationId, int pairIndex, boolean mated, JobState state) throws SQLException {
        UUID id = UUID.randomUUID();
        String a = image();
        String b = image();
        try (Connection c = dataSource.getConnection()) {
            update(c, """
                    insert into job (id, kind, state, evaluation_id, pair_index, label, image_a, image_b, options,
                                     error, attempts, enqueued_at, started_at, finished_at)
                    values (?, 'pair', ?, ?, ?, ?, ?, ?, '{}'::jsonb, ?, 1, now(), now(),
                            case when ? then now() end)""",
                    id, state.wireName(), evaluationId, pairIndex, (short) (mated ? 1 : 0), a, b,
                    state == JobState.FAILED ? "the face could not be decoded" : null, state.isTerminal());
        }
        return id;
    }

    /** What a worker stores when the job succeeds, then the state it moves the job to. */
    void succeed(UUID jobId, Pair pair) throws SQLException {
        scores(jobId, pair);
        try (Connection c = dataSource.getConnection()) {
            update(c, "update job set state = 'succeeded', finished_at = now(), updated_at = now() where id = ?",
                    jobId);
        }
    }

    private void scores(UUID jobId, Pair pair) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            update(c, "insert into pair_result (job_id, similarity, result) values (?, ?, '{}'::jsonb)",
                    jobId, pair.s0());
            direction(c, jobId, "a", pair, pair.probeA());
            direction(c, jobId, "b", pair, pair.probeB());
            c.commit();
        }
    }

    private static void direction(Connection c, UUID jobId, String probe, Pair pair, List<Attribute> attributes)
            throws SQLException {
        List<Attribute> ranked = new ArrayList<>(attributes.stream().filter(Attribute::eligible).toList());
        ranked.sort(Comparator.comparingDouble(Attribute::score).reversed());
        Double best = ranked.isEmpty() ? null : ranked.get(0).score();
        String most = best != null && best > pair.s0() ? ranked.get(0).word() : null;
        update(c, """
                insert into direction_result (job_id, probe, similarity, best_score, most_characteristic,
                                              same_identity, counterfactual_degenerate)
                values (?, ?, ?, ?, ?, ?, false)""", jobId, probe, pair.s0(), best, most, pair.mated());
        for (Attribute a : attributes) {
            Integer rank = a.eligible() ? ranked.indexOf(a) + 1 : null;
            update(c, """
                    insert into attribute_score (job_id, probe, attribute, word, model, class_index, probability,
                                                 eligible, score, self_score, both_masked, erased_fraction, rank,
                                                 valid)
                    values (?, ?, ?, ?, 'face-attributes', ?, 0.87, ?, ?, 0.93, ?, 0.12, ?, ?)""",
                    jobId, probe, a.attribute(), a.word(), a.eligible() ? 0 : 1, a.eligible(), a.score(),
                    a.score() - 0.01, rank, a.eligible() && a.score() > pair.s0());
        }
    }

    /** A face: content-addressed by a SHA-256-shaped id. */
    private String image() throws SQLException {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        String id = HexFormat.of().formatHex(digest);
        try (Connection c = dataSource.getConnection()) {
            update(c, """
                    insert into image (id, object_key, content_type, width, height, bytes)
                    values (?, ?, 'image/jpeg', 150, 150, 8123)""", id, "images/" + id);
        }
        return id;
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
