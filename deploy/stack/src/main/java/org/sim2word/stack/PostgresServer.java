package org.sim2word.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on 127.0.0.1, from zonky's embedded binaries (PostgreSQL 17, linux-amd64). As root it runs
 * inside a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 *
 * <p>On first start it creates the cluster in {@code <dir>/postgres}, then on every start the login role and the
 * database (by default {@code sim2word}/{@code sim2word}, database {@code sim2word}). Passwords are checked
 * (scram-sha-256) for every role except the superuser {@code postgres}, which is trusted on loopback for this class's
 * own set-up. Durability: zonky runs the server with fsync off, so data survives the server or this JVM dying, not
 * the machine.
 *
 * <p>The server is a daemon, not a child of this JVM; a small {@code sh} watchdog that IS a child stops it (fast
 * shutdown) if this JVM dies without closing it, and a server left over from such a death is stopped when the same
 * folder starts again.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SERVICE = "PostgreSQL";
    public static final String DEFAULT_DATABASE = "sim2word";
    public static final String DEFAULT_USER = "sim2word";
    public static final String DEFAULT_PASSWORD = "sim2word";
    private static final String SUPERUSER = "postgres";

    private final StackDirectory directory;
    private final boolean ownsDirectory;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Path log;
    private final AutoCloseable lock;
    private final EmbeddedPostgres postgres;
    private final long pid;
    private final Watchdog watchdog;
    private final Duration startedIn;
    /** Null when the owner stops the server itself. */
    private final Thread shutdownHook;
    /** Started by someone else (the shared stack of another class loader): closing leaves it running. */
    private final boolean attached;
    private boolean closed;

    private PostgresServer(Builder b, StackDirectory directory, boolean ownsDirectory, int port) {
        long began = System.nanoTime();
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.port = port;
        this.database = b.database;
        this.user = b.user;
        this.password = b.password;
        this.log = directory.log("postgres.log");
        this.attached = false;
        this.lock = directory.lock("postgres", SERVICE);
        EmbeddedPostgres started = null;
        Watchdog dog = null;
        try {
            Path data = directory.folder("postgres");
            Files.writeString(log, "---- sim2word-stack starts PostgreSQL on " + Ports.HOST + ":" + port + " in "
                    + data + System.lineSeparator(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            started = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", Ports.HOST)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(b.startTimeout())
                    .setDataDirectoryCustomizer(PostgresServer::prepareDataDirectory)
                    .start();
            this.postgres = started;
            this.pid = postmasterPid(data).orElseThrow(() -> new IllegalStateException("no postmaster.pid in " + data));
            // SIGINT: the fast shutdown, as the server is a daemon that nothing else would stop.
            dog = Watchdog.start(pid, "INT", "sim2word-postgres-watchdog");
            this.watchdog = dog;
            createRoleAndDatabase();
        } catch (Exception e) {
            if (dog != null) {
                dog.close();
            }
            if (started != null) {
                ChildService.closeQuietly(started);
            }
            ChildService.closeQuietly(lock);
            throw new ServiceStartException(SERVICE, String.valueOf(e.getMessage()), log, e);
        }
        this.shutdownHook = b.shutdownHook() ? new Thread(this::close, "sim2word-stack-stop-postgres") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        this.startedIn = Duration.ofNanos(System.nanoTime() - began);
    }

    /** A server that runs already, started by someone else. */
    PostgresServer(StackDirectory directory, int port, String database, String user, String password, long pid,
            Duration startedIn) {
        this.directory = directory;
        this.ownsDirectory = false;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.log = directory.root().resolve("logs").resolve("postgres.log");
        this.lock = null;
        this.postgres = null;
        this.pid = pid;
        this.watchdog = null;
        this.shutdownHook = null;
        this.startedIn = startedIn;
        this.attached = true;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, the value of {@code quarkus.datasource.jdbc.url}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String database() {
        return database;
    }

    public int port() {
        return port;
    }

    /** A new connection as {@link #user()}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** The postmaster's process id (a daemon, not a child of this JVM). */
    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** PGDATA. */
    public Path dataDirectory() {
        return directory.root().resolve("postgres");
    }

    /** The server's output (and initdb's), appended on every start. */
    public Path logFile() {
        return log;
    }

    /** From the call to start until the role and database existed. */
    public Duration startedIn() {
        return startedIn;
    }

    /** Stops the server (fast shutdown) and deletes its folder when temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (attached) {
            return;
        }
        watchdog.close(); // first, so that it cannot signal a process id the system may hand out again
        ChildService.closeQuietly(postgres); // pg_ctl stop -m fast -w
        ProcessHandle.of(pid).ifPresent(p -> stopProcess(p, Duration.ofSeconds(10)));
        ChildService.closeQuietly(lock);
        ChildService.removeShutdownHook(shutdownHook);
        if (ownsDirectory) {
            directory.deleteIfTemporary();
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", " + directory + "]";
    }

    private void createRoleAndDatabase() throws SQLException {
        String admin = "jdbc:postgresql://" + Ports.HOST + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, SUPERUSER, "")) {
            String role = quoteIdentifier(user);
            String secret = "'" + password.replace("'", "''") + "'";
            try (Statement s = c.createStatement()) {
                if (exists(c, "select 1 from pg_roles where rolname = ?", user)) {
                    s.execute("alter role " + role + " with login password " + secret);
                } else {
                    s.execute("create role " + role + " with login password " + secret);
                }
                if (!exists(c, "select 1 from pg_database where datname = ?", database)) {
                    s.execute("create database " + quoteIdentifier(database) + " owner " + role);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Runs after initdb (first start only) and before the server starts, on every start. */
    private static void prepareDataDirectory(File data) {
        stopLeftoverServer(data.toPath());
        String hba = String.join("\n",
                "# Written by sim2word-stack on every start; edits are lost.",
                "# TYPE  DATABASE  USER      ADDRESS        METHOD",
                "host    all       postgres  127.0.0.1/32   trust",
                "host    all       all       127.0.0.1/32   scram-sha-256",
                "");
        try {
            Files.writeString(data.toPath().resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + data, e);
        }
    }

    /**
     * A server still running on this folder although its lock is free (we hold it now) was left by a JVM that died
     * without stopping it: stop it, or the new one could not start.
     */
    static void stopLeftoverServer(Path data) {
        postmasterPid(data).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(true))
                .ifPresent(p -> stopProcess(p, Duration.ofSeconds(15)));
    }

    private static Optional<Long> postmasterPid(Path data) {
        Path file = data.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (PostgreSQL's smart shutdown), then SIGKILL after {@code grace}. */
    private static void stopProcess(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing more to do
            }
        }
    }

    /** Settings of the server; {@link #start()} starts it. */
    public static final class Builder extends ServiceBuilder<Builder> {
        private String database = DEFAULT_DATABASE;
        private String user = DEFAULT_USER;
        private String password = DEFAULT_PASSWORD;

        private Builder() {
            super(Duration.ofSeconds(60), "PostgresServer.Builder.optPort(int)");
        }

        public Builder optDatabase(String database) {
            this.database = requireName(database, "database");
            return this;
        }

        /** The login role the apps use, and its password (set again on every start). */
        public Builder optCredentials(String user, String password) {
            this.user = requireName(user, "user");
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("the password must not be empty");
            }
            this.password = password;
            return this;
        }

        /** Starts the server and returns once the role and database exist. */
        public PostgresServer start() {
            int chosen = Ports.orFree(port());
            Ports.requireFree(chosen, SERVICE, portSetting());
            return new PostgresServer(this, directoryToUse(), ownsDirectory(), chosen);
        }

        private static String requireName(String name, String what) {
            if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("the " + what + " must be a lower-case SQL name: " + name);
            }
            if (name.equals(SUPERUSER)) {
                throw new IllegalArgumentException("the " + what + " must not be " + SUPERUSER);
            }
            return name;
        }
    }
}
