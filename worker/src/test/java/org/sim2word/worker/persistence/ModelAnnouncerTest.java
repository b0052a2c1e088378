package org.sim2word.worker.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.sim2word.stack.LocalServices;

/** The registry rows of one worker, in the real PostgreSQL, while it runs and after it stops. */
class ModelAnnouncerTest {
    private static final String WORKER = "announcer-test-" + ProcessHandle.current().pid();

    @Test
    void a_running_worker_renews_its_models_and_a_stopping_one_removes_them() throws Exception {
        PGSimpleDataSource db = dataSource(LocalServices.shared().asProperties());
        ModelAnnouncements announcements = new ModelAnnouncements(db);
        List<ModelAnnouncements.InstalledModel> models = List.of(
                new ModelAnnouncements.InstalledModel("dlib-resnet29", "{\"name\": \"dlib-resnet29\"}", "ab12",
                        List.of("verification")),
                new ModelAnnouncements.InstalledModel("emotion", "{\"name\": \"emotion\"}", "cd34",
                        List.of("attribute")));

        try (ModelAnnouncer announcer = ModelAnnouncer.start(announcements, WORKER, models, Duration.ofMillis(300))) {
            Instant first = awaitSeen(db, Instant.MIN);
            assertEquals(List.of("dlib-resnet29", "emotion"), names(db));
            Instant renewed = awaitSeen(db, first);
            assertTrue(renewed.isAfter(first), first + " then " + renewed);
        }
        assertEquals(List.of(), names(db));
    }

    private static Instant awaitSeen(PGSimpleDataSource db, Instant after) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "select min(seen_at) from installed_model where worker = ?")) {
                s.setString(1, WORKER);
                try (ResultSet r = s.executeQuery()) {
                    Timestamp seen = r.next() ? r.getTimestamp(1) : null;
                    if (seen != null && seen.toInstant().isAfter(after)) {
                        return seen.toInstant();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no announcement after " + after);
    }

    private static List<String> names(PGSimpleDataSource db) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select name from installed_model where worker = ? order by name")) {
            s.setString(1, WORKER);
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            return names;
        }
    }

    private static PGSimpleDataSource dataSource(Map<String, String> services) {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(services.get(LocalServices.JDBC_URL));
        db.setUser(services.get(LocalServices.JDBC_USER));
        db.setPassword(services.get(LocalServices.JDBC_PASSWORD));
        return db;
    }
}
