package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sim2word.common.storage.StorageKeys;

class LocalServicesTest {
    private final LocalServices services = LocalServices.shared();

    @Test
    void shared_returns_one_instance_per_jvm() {
        assertSame(services, LocalServices.shared());
        assertTrue(services.isTemporary());
    }

    @Test
    void shared_is_one_per_jvm_even_seen_from_another_class_loader() throws Exception {
        List<URL> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry).toUri().toURL()); // surefire's booter jar names the rest in its manifest
        }
        try (URLClassLoader other = new URLClassLoader(classpath.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = other.loadClass(LocalServices.class.getName());
            assertNotSame(LocalServices.class, copy);
            Object view = copy.getMethod("shared").invoke(null);
            assertEquals(services.asProperties(), copy.getMethod("asProperties").invoke(view));
            assertEquals(true, copy.getMethod("isShared").invoke(view));
            copy.getMethod("close").invoke(view);
        }
        assertTrue(services.kafka().isAlive() && services.postgres().isAlive() && services.s3().isAlive());
    }

    @Test
    void closing_the_shared_instance_does_nothing() {
        services.close();
        assertTrue(services.kafka().isAlive() && services.postgres().isAlive() && services.s3().isAlive());
    }

    @Test
    void as_properties_holds_every_setting_the_apps_read() {
        Map<String, String> p = services.asProperties();
        assertEquals(List.of("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                "quarkus.datasource.password", "sim2word.s3.endpoint", "sim2word.s3.access-key",
                "sim2word.s3.secret-key", "sim2word.s3.bucket"), new ArrayList<>(p.keySet()));
        assertEquals("127.0.0.1:" + services.kafka().port(), p.get("kafka.bootstrap.servers"));
        assertEquals("jdbc:postgresql://127.0.0.1:" + services.postgres().port() + "/sim2word",
                p.get("quarkus.datasource.jdbc.url"));
        assertEquals("sim2word", p.get("quarkus.datasource.username"));
        assertEquals("sim2word", p.get("quarkus.datasource.password"));
        assertEquals("http://127.0.0.1:" + services.s3().port(), p.get("sim2word.s3.endpoint"));
        assertEquals("sim2word", p.get("sim2word.s3.access-key"));
        assertEquals("sim2word-secret", p.get("sim2word.s3.secret-key"));
        assertEquals(StorageKeys.DEFAULT_BUCKET, p.get("sim2word.s3.bucket"));
    }

    @Test
    void the_schema_is_migrated() throws SQLException {
        Map<String, String> p = services.asProperties();
        try (Connection c = DriverManager.getConnection(p.get("quarkus.datasource.jdbc.url"),
                p.get("quarkus.datasource.username"), p.get("quarkus.datasource.password"));
                ResultSet tables = c.createStatement().executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'public'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertTrue(names.containsAll(List.of("job", "pair_result", "image")), "tables: " + names);
        }
    }

    @Test
    void a_wrong_database_password_is_refused() {
        PostgresServer pg = services.postgres();
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "not-" + pg.password()).close());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    }
}
