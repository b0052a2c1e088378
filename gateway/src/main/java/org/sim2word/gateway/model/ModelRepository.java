package org.sim2word.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.db.DatabaseException;

/**
 * Table {@code installed_model}, which the workers write; the gateway only reads it. A worker renews its rows while it
 * runs and removes them when it stops; rows not renewed within {@code sim2word.models.fresh-for} are those of a worker
 * that died, and are left out.
 */
@ApplicationScoped
public class ModelRepository {
    private static final String FRESH = "seen_at > now() - make_interval(secs => ?)";
    private static final String ALL = "select name, worker, descriptor::text, sha256, roles, seen_at "
            + "from installed_model where " + FRESH + " order by name, seen_at desc, worker";
    // Where workers disagree about a model, the one seen last speaks for it.
    private static final String REGISTERED = "select distinct on (name) name, roles, "
            + "coalesce(jsonb_typeof(descriptor -> 'uncertainty') = 'object', false) "
            + "from installed_model where " + FRESH + " order by name, seen_at desc, worker";
    private static final String DESCRIPTOR = "select descriptor::text from installed_model where name = ? and "
            + FRESH + " order by seen_at desc, worker limit 1";

    private final DataSource db;
    private final double freshForSeconds;

    public ModelRepository(DataSource db, @ConfigProperty(name = "sim2word.models.fresh-for") Duration freshFor) {
        this.db = db;
        this.freshForSeconds = freshFor.toMillis() / 1000.0;
    }

    /** Every row, by name, the most recently seen worker of each model first. */
    public List<InstalledModel> all() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(ALL);
             ResultSet rs = fresh(s, 1).executeQuery()) {
            List<InstalledModel> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new InstalledModel(rs.getString(1), rs.getString(2), tree(rs.getString(3)), rs.getString(4),
                        texts(rs.getArray(5)), rs.getObject(6, OffsetDateTime.class).toInstant()));
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("listing the installed models", e);
        }
    }

    /** The installed models by name; empty while no worker has registered any. */
    public Map<String, RegisteredModel> registered() {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(REGISTERED);
             ResultSet rs = fresh(s, 1).executeQuery()) {
            Map<String, RegisteredModel> models = new LinkedHashMap<>();
            while (rs.next()) {
                models.put(rs.getString(1), new RegisteredModel(rs.getString(1), texts(rs.getArray(2)),
                        rs.getBoolean(3)));
            }
            return models;
        } catch (SQLException e) {
            throw new DatabaseException("reading the installed models", e);
        }
    }

    /** The descriptor of the model as the worker that announced it last read it. */
    public Optional<JsonNode> descriptor(String name) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(DESCRIPTOR)) {
            s.setString(1, name);
            try (ResultSet rs = fresh(s, 2).executeQuery()) {
                return rs.next() ? Optional.of(tree(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading the descriptor of model " + name, e);
        }
    }

    private PreparedStatement fresh(PreparedStatement s, int parameter) throws SQLException {
        s.setDouble(parameter, freshForSeconds);
        return s;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("installed_model.descriptor is not JSON", e);
        }
    }
}
