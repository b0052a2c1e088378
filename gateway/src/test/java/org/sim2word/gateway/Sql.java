package org.sim2word.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Direct SQL for tests: to set up rows a worker would write, and to check what the gateway wrote. */
public final class Sql {
    private final DataSource db;

    public Sql(DataSource db) {
        this.db = db;
    }

    public int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, or empty when there is no row or the value is null. */
    public <T> Optional<T> value(Class<T> type, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getObject(1, type)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
