package org.sim2word.aggregator;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes identification jobs into the V2 schema the way the gateway and the workers would: a face, the job (kind
 * identify, no second face, no evaluation), and once it succeeded its result and one row per attribute.
 */
final class IdentificationRows {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    IdentificationRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What a worker's uncertainty for one attribute of one face came to.
     *
     * @param rank 1 when erasing this attribute raised u the most
     */
    record Scored(String word, boolean selected, int rank, double delta) {
    }

    /** Removes every identification job, and with them their results, so each test counts only its own. */
    void clear() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            update(c, "delete from job where kind = 'identify'");
        }
    }

    /** A succeeded identification of one face, explained with {@code uncertaintyModel}. */
    UUID succeeded(String uncertaintyModel, boolean substitute, Scored... attributes) throws SQLException {
        UUID id = UUID.randomUUID();
        double original = 0.2;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String face = image(c);
            update(c, """
                    insert into job (id, kind, state, image_a, options, attempts, enqueued_at, started_at, finished_at)
                    values (?, 'identify', 'succeeded', ?, '{"lambda": 200.0}'::jsonb, 1, now(), now(), now())""",
                    id, face);
            update(c, """
                    insert into identification_result (job_id, predicted_class, predicted_label,
                                                       predicted_probability, uncertainty, uncertainty_model,
                                                       substitute, result)
                    values (?, 2, 'John_Salley', 0.91, ?, ?, ?, '{}'::jsonb)""",
                    id, original, uncertaintyModel, substitute);
            for (Scored a : attributes) {
                update(c, """
                        insert into attribute_uncertainty (job_id, attribute, word, model, class_index, probability,
                                                           eligible, selected, uncertainty, delta, erased_fraction,
                                                           rank)
                        values (?, ?, ?, 'hse-faceres', 0, 0.95, true, ?, ?, ?, 0.3, ?)""",
                        id, a.word(), a.word(), a.selected(), original + a.delta(), a.delta(), a.rank());
            }
            c.commit();
        }
        return id;
    }

    /** A face: content-addressed by a SHA-256-shaped id. */
    private static String image(Connection c) throws SQLException {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        String id = HexFormat.of().formatHex(digest);
        update(c, """
                insert into image (id, object_key, content_type, width, height, bytes)
                values (?, ?, 'image/jpeg', 224, 224, 9120)""", id, "images/" + id + ".jpg");
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
