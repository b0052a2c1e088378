package org.sim2word.gateway.image;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sim2word.gateway.db.DatabaseException;

/** Table {@code image}: one row per distinct face, keyed by the SHA-256 of its bytes. */
@ApplicationScoped
public class ImageRepository {
    private static final String COLUMNS = "id, object_key, content_type, width, height";

    private final DataSource db;

    public ImageRepository(DataSource db) {
        this.db = db;
    }

    public Optional<StoredImage> find(String id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    /** The known images among {@code ids}, by id; unknown ids are simply absent. */
    public Map<String, StoredImage> findAll(Collection<String> ids) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from image where id = any(?)")) {
            Array array = c.createArrayOf("text", ids.toArray());
            s.setArray(1, array);
            Map<String, StoredImage> found = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StoredImage image = new StoredImage(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getInt(5));
                    found.put(image.id(), image);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new DatabaseException("looking up " + ids.size() + " image(s)", e);
        }
    }

    /** @return false when the row already existed, which is normal: the same bytes were uploaded before */
    public boolean insert(StoredImage image, long bytes) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("insert into image (" + COLUMNS + ", bytes) "
                     + "values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing")) {
            s.setString(1, image.id());
            s.setString(2, image.objectKey());
            s.setString(3, image.contentType());
            s.setInt(4, image.width());
            s.setInt(5, image.height());
            s.setLong(6, bytes);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DatabaseException("recording image " + image.id(), e);
        }
    }
}
