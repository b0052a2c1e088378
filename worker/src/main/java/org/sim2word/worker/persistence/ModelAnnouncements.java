package org.sim2word.worker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.sim2word.worker.fault.ServiceUnavailableException;

/**
 * The worker's entry in table {@code installed_model}: which models it can run, so the gateway, which runs none,
 * can list them and check the names a job chooses.
 */
public final class ModelAnnouncements {
    private final DataSource dataSource;

    public ModelAnnouncements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A model as announced: its name, its descriptor as read, its checksum and roles. */
    public record InstalledModel(String name, String descriptorJson, String sha256, List<String> roles) {
    }

    /** Replaces this worker's rows with {@code models}, in one transaction. */
    public void announce(String worker, List<InstalledModel> models) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("insert into installed_model (name, worker, "
                    + "descriptor, sha256, roles) values (?, ?, ?::jsonb, ?, ?) on conflict (name, worker) do update "
                    + "set descriptor = excluded.descriptor, sha256 = excluded.sha256, roles = excluded.roles, "
                    + "seen_at = now()");
                 PreparedStatement prune = c.prepareStatement(
                         "delete from installed_model where worker = ? and not (name = any(?))")) {
                for (InstalledModel m : models) {
                    upsert.setString(1, m.name());
                    upsert.setString(2, worker);
                    upsert.setString(3, m.descriptorJson());
                    upsert.setString(4, m.sha256());
                    upsert.setArray(5, c.createArrayOf("text", m.roles().toArray()));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                prune.setString(1, worker);
                prune.setArray(2, c.createArrayOf("text", models.stream().map(InstalledModel::name).toArray()));
                prune.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ServiceUnavailableException("the database could not record this worker's models: "
                    + e.getMessage(), e);
        }
    }

    /** Removes this worker's rows: it stops and will serve none of its models. */
    public void withdraw(String worker) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("delete from installed_model where worker = ?")) {
            delete.setString(1, worker);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new ServiceUnavailableException("the database could not remove this worker's models: "
                    + e.getMessage(), e);
        }
    }
}
