package org.sim2word.stack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sim2word.migrations.Migrations;

/**
 * Everything Sim2Word needs around it, for real, on 127.0.0.1: a Kafka broker with the project's topics, PostgreSQL
 * with the schema migrated, and an S3 store with the bucket. The three start in parallel.
 *
 * <pre>
 * try (LocalServices services = LocalServices.builder().start()) {        // temporary folder, free ports
 *     Map&lt;String, String&gt; config = services.asProperties();             // what the apps read
 * }
 * LocalServices.builder().optDataDirectory(Path.of(".sim2word/stack"))    // kept: a restart finds the data
 *         .optKafkaPort(9092).optPostgresPort(5432).optS3Port(9000).start();
 * LocalServices.shared();                                                 // one per JVM, for tests
 * </pre>
 */
public final class LocalServices implements AutoCloseable {
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String JDBC_USER = "quarkus.datasource.username";
    public static final String JDBC_PASSWORD = "quarkus.datasource.password";
    public static final String S3_ENDPOINT = "sim2word.s3.endpoint";
    public static final String S3_ACCESS_KEY = "sim2word.s3.access-key";
    public static final String S3_SECRET_KEY = "sim2word.s3.secret-key";
    public static final String S3_BUCKET = "sim2word.s3.bucket";

    /** The usual ports, for a launcher; the builder's default is 0 (a free port) for each. */
    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int POSTGRES_PORT = 5432;
    public static final int S3_PORT = 9000;

    private static final String SHARED_DESCRIBER = "describeShared";
    private static final String SETTING_PREFIX = "LocalServices.Builder.";

    /** The shared stack this class loader started. */
    private static LocalServices shared;
    private static RuntimeException sharedFailure;
    /** In a class loader other than the system one (a Quarkus test's): a view of the system one's shared stack. */
    private static LocalServices sharedView;

    private final StackDirectory directory;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final S3Server s3;
    private final int migrationsApplied;
    private final Duration startedIn;
    private final boolean isShared;
    private boolean closed;

    private LocalServices(StackDirectory directory, KafkaBroker kafka, PostgresServer postgres, S3Server s3,
            int migrationsApplied, Duration startedIn, boolean isShared) {
        this.directory = directory;
        this.kafka = kafka;
        this.postgres = postgres;
        this.s3 = s3;
        this.migrationsApplied = migrationsApplied;
        this.startedIn = startedIn;
        this.isShared = isShared;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The one stack of this JVM, started on first use (temporary folder, free ports) and stopped when the JVM exits.
     * For test suites: every test class gets the same services. {@link #close()} on it does nothing. If it failed to
     * start, every later call fails the same way at once.
     *
     * <p>One per JVM even across class loaders: Quarkus loads each test profile's classes, this one included, in a
     * class loader of its own. When this class is not the system class loader's copy but that copy exists, the
     * system class loader's copy owns the stack (its shutdown hook never loses its classes) and this returns a view
     * of it.
     */
    public static LocalServices shared() {
        Class<?> owner = systemClassLoaderCopy();
        if (owner == null) {
            return sharedHere();
        }
        synchronized (LocalServices.class) {
            if (sharedView == null) {
                sharedView = attach(describeSharedIn(owner));
            }
            return sharedView;
        }
    }

    private static synchronized LocalServices sharedHere() {
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared local services failed to start earlier: "
                    + sharedFailure.getMessage(), sharedFailure);
        }
        if (shared == null) {
            try {
                shared = builder().optShutdownHook(false).start(true); // its own hook below stops it
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            LocalServices started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "sim2word-stack-stop-shared"));
        }
        return shared;
    }

    /** Called reflectively by the copies of this class in other class loaders: JDK types only cross over. */
    static Map<String, String> describeShared() {
        return sharedHere().describe();
    }

    private static Class<?> systemClassLoaderCopy() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (LocalServices.class.getClassLoader() == system) {
            return null;
        }
        try {
            Class<?> copy = Class.forName(LocalServices.class.getName(), false, system);
            return copy == LocalServices.class ? null : copy;
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // this class loader is on its own: it owns its shared stack
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> describeSharedIn(Class<?> owner) {
        try {
            Method describe = owner.getDeclaredMethod(SHARED_DESCRIBER);
            describe.setAccessible(true);
            return new LinkedHashMap<>((Map<String, String>) describe.invoke(null));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the shared stack of the system class loader", e);
        }
    }

    /** Everything a view needs, as strings. */
    private Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dir", directory.root().toString());
        d.put("temporary", Boolean.toString(directory.isTemporary()));
        d.put("migrations", Integer.toString(migrationsApplied));
        d.put("started-ms", Long.toString(startedIn.toMillis()));
        d.put("kafka.port", Integer.toString(kafka.port()));
        d.put("kafka.controller-port", Integer.toString(kafka.controllerPort()));
        d.put("kafka.pid", Long.toString(kafka.pid()));
        d.put("kafka.started-ms", Long.toString(kafka.startedIn().toMillis()));
        StringBuilder topics = new StringBuilder();
        kafka.topics().forEach((name, partitions) -> topics.append(topics.length() == 0 ? "" : ",")
                .append(name).append('=').append(partitions));
        d.put("kafka.topics", topics.toString());
        d.put("postgres.port", Integer.toString(postgres.port()));
        d.put("postgres.pid", Long.toString(postgres.pid()));
        d.put("postgres.database", postgres.database());
        d.put("postgres.user", postgres.user());
        d.put("postgres.password", postgres.password());
        d.put("postgres.started-ms", Long.toString(postgres.startedIn().toMillis()));
        d.put("s3.port", Integer.toString(s3.port()));
        d.put("s3.pid", Long.toString(s3.pid()));
        d.put("s3.access-key", s3.accessKey());
        d.put("s3.secret-key", s3.secretKey());
        d.put("s3.bucket", s3.bucket());
        d.put("s3.started-ms", Long.toString(s3.startedIn().toMillis()));
        return d;
    }

    /** A view of a stack described by {@link #describe()}; it owns nothing. */
    private static LocalServices attach(Map<String, String> d) {
        StackDirectory dir = StackDirectory.existing(Path.of(d.get("dir")), Boolean.parseBoolean(d.get("temporary")));
        Path logs = dir.root().resolve("logs");
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : d.get("kafka.topics").split(",")) {
            if (!topic.isEmpty()) {
                int eq = topic.lastIndexOf('=');
                topics.put(topic.substring(0, eq), Integer.parseInt(topic.substring(eq + 1)));
            }
        }
        KafkaBroker kafka = new KafkaBroker(dir, Integer.parseInt(d.get("kafka.port")),
                Integer.parseInt(d.get("kafka.controller-port")), topics, Running.attached(
                        Long.parseLong(d.get("kafka.pid")), logs.resolve("kafka.log"), millis(d, "kafka.started-ms")));
        PostgresServer postgres = new PostgresServer(dir, Integer.parseInt(d.get("postgres.port")),
                d.get("postgres.database"), d.get("postgres.user"), d.get("postgres.password"),
                Long.parseLong(d.get("postgres.pid")), millis(d, "postgres.started-ms"));
        S3Server s3 = new S3Server(dir, Integer.parseInt(d.get("s3.port")), d.get("s3.access-key"),
                d.get("s3.secret-key"), d.get("s3.bucket"), Running.attached(Long.parseLong(d.get("s3.pid")),
                        logs.resolve("s3proxy.log"), millis(d, "s3.started-ms")));
        return new LocalServices(dir, kafka, postgres, s3, Integer.parseInt(d.get("migrations")),
                millis(d, "started-ms"), true);
    }

    private static Duration millis(Map<String, String> d, String key) {
        return Duration.ofMillis(Long.parseLong(d.get(key)));
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public S3Server s3() {
        return s3;
    }

    /** The folder holding every service's data and logs. */
    public Path dataDirectory() {
        return directory.root();
    }

    /** Whether {@link #dataDirectory()} is deleted on close. */
    public boolean isTemporary() {
        return directory.isTemporary();
    }

    /** How many migrations ran at this start (0 when the schema was current or migrations were off). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** From the call to start until all three were ready and migrated. */
    public Duration startedIn() {
        return startedIn;
    }

    /**
     * The configuration the apps read, in a fixed order: {@value #KAFKA_BOOTSTRAP_SERVERS}, {@value #JDBC_URL},
     * {@value #JDBC_USER}, {@value #JDBC_PASSWORD}, {@value #S3_ENDPOINT}, {@value #S3_ACCESS_KEY},
     * {@value #S3_SECRET_KEY}, {@value #S3_BUCKET}.
     */
    public Map<String, String> asProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        p.put(JDBC_URL, postgres.jdbcUrl());
        p.put(JDBC_USER, postgres.user());
        p.put(JDBC_PASSWORD, postgres.password());
        p.put(S3_ENDPOINT, s3.endpoint());
        p.put(S3_ACCESS_KEY, s3.accessKey());
        p.put(S3_SECRET_KEY, s3.secretKey());
        p.put(S3_BUCKET, s3.bucket());
        return p;
    }

    /** Whether this is {@link #shared()}'s instance (or a view of it), which only the JVM's exit stops. */
    public boolean isShared() {
        return isShared;
    }

    /**
     * Stops the three in parallel, then deletes the folder when it is temporary. Idempotent. Does nothing on the
     * {@link #shared()} instance: other test classes of this JVM still use it.
     */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(List.of(kafka, postgres, s3));
        directory.deleteIfTemporary();
    }

    @Override
    public String toString() {
        return "LocalServices[kafka " + kafka.bootstrapServers() + ", postgres " + postgres.jdbcUrl() + ", s3 "
                + s3.endpoint() + ", " + directory + "]";
    }

    private static void closeAll(List<? extends AutoCloseable> services) {
        List<Thread> stopping = new ArrayList<>();
        for (AutoCloseable service : services) {
            Thread t = new Thread(() -> ChildService.closeQuietly(service), "sim2word-stack-close");
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Settings of the stack; {@link #start()} starts it. Every setting is optional. */
    public static final class Builder {
        private Path dataDirectory;
        private int kafkaPort;
        private int kafkaControllerPort;
        private int postgresPort;
        private int s3Port;
        private String kafkaPortSetting = SETTING_PREFIX + "optKafkaPort(int)";
        private String kafkaControllerPortSetting = SETTING_PREFIX + "optKafkaControllerPort(int)";
        private String postgresPortSetting = SETTING_PREFIX + "optPostgresPort(int)";
        private String s3PortSetting = SETTING_PREFIX + "optS3Port(int)";
        private boolean shutdownHook = true;
        private String s3AccessKey = S3Server.DEFAULT_ACCESS_KEY;
        private String s3SecretKey = S3Server.DEFAULT_SECRET_KEY;
        private String bucket;
        private boolean migrate = true;
        private Duration startTimeout = Duration.ofSeconds(180);

        private Builder() {
        }

        /** Keeps all data and logs in {@code dir}: a later start with the same folder finds them again. */
        public Builder optDataDirectory(Path dir) {
            this.dataDirectory = Objects.requireNonNull(dir);
            return this;
        }

        /** A new temporary folder, deleted on close. The default. */
        public Builder optTemporaryDirectory() {
            this.dataDirectory = null;
            return this;
        }

        /** Kafka's client port ({@value #KAFKA_PORT} is usual); 0, the default, picks a free one. */
        public Builder optKafkaPort(int port) {
            this.kafkaPort = Ports.check(port);
            return this;
        }

        /**
         * Kafka's client port, and the setting of the caller's own user that chooses it (an environment variable,
         * say), named in the message when the port is taken. The same holds for the other {@code opt*Port(int,
         * String)}.
         */
        public Builder optKafkaPort(int port, String setting) {
            this.kafkaPortSetting = Objects.requireNonNull(setting);
            return optKafkaPort(port);
        }

        /** Kafka's controller port ({@value #KAFKA_CONTROLLER_PORT} is usual); 0, the default, picks a free one. */
        public Builder optKafkaControllerPort(int port) {
            this.kafkaControllerPort = Ports.check(port);
            return this;
        }

        public Builder optKafkaControllerPort(int port, String setting) {
            this.kafkaControllerPortSetting = Objects.requireNonNull(setting);
            return optKafkaControllerPort(port);
        }

        /** ({@value #POSTGRES_PORT} is usual); 0, the default, picks a free one. */
        public Builder optPostgresPort(int port) {
            this.postgresPort = Ports.check(port);
            return this;
        }

        public Builder optPostgresPort(int port, String setting) {
            this.postgresPortSetting = Objects.requireNonNull(setting);
            return optPostgresPort(port);
        }

        /** ({@value #S3_PORT} is usual); 0, the default, picks a free one. */
        public Builder optS3Port(int port) {
            this.s3Port = Ports.check(port);
            return this;
        }

        public Builder optS3Port(int port, String setting) {
            this.s3PortSetting = Objects.requireNonNull(setting);
            return optS3Port(port);
        }

        /**
         * Whether each service stops in a JVM shutdown hook of its own; true by default. A caller that closes the
         * services itself, after the apps that use them, turns it off and closes them in a hook of its own: the JVM
         * runs all hooks at once. Either way the services die with the JVM (the README says how).
         */
        public Builder optShutdownHook(boolean stopAtExit) {
            this.shutdownHook = stopAtExit;
            return this;
        }

        /** The key pair S3 accepts; {@code sim2word}/{@code sim2word-secret} by default. */
        public Builder optS3Credentials(String accessKey, String secretKey) {
            this.s3AccessKey = accessKey;
            this.s3SecretKey = secretKey;
            return this;
        }

        /** The bucket to create; {@code StorageKeys.DEFAULT_BUCKET} by default. */
        public Builder optBucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** Whether to apply the Flyway migrations once PostgreSQL is up; true by default. */
        public Builder optMigrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** How long to wait for all three together; 180 s by default (a loaded 2-core machine needs 30). */
        public Builder optStartTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Starts Kafka, PostgreSQL (then migrates it) and S3 in parallel and returns when all are ready. If one
         * fails, the others are stopped and the first failure is thrown, the others' failures suppressed in it.
         */
        public LocalServices start() {
            return start(false);
        }

        private LocalServices start(boolean shared) {
            long began = System.nanoTime();
            // Pick every free port up-front, all held at once, so that two services never draw the same one.
            int[] free = Ports.free(4);
            int kPort = kafkaPort != 0 ? kafkaPort : free[0];
            int kcPort = kafkaControllerPort != 0 ? kafkaControllerPort : free[1];
            int pgPort = postgresPort != 0 ? postgresPort : free[2];
            int s3p = s3Port != 0 ? s3Port : free[3];
            // Refuse taken ports before anything starts.
            Ports.requireFree(kPort, KafkaBroker.SERVICE, kafkaPortSetting);
            Ports.requireFree(kcPort, KafkaBroker.SERVICE + " (controller)", kafkaControllerPortSetting);
            Ports.requireFree(pgPort, PostgresServer.SERVICE, postgresPortSetting);
            Ports.requireFree(s3p, S3Server.SERVICE, s3PortSetting);

            StackDirectory dir = dataDirectory != null ? StackDirectory.persistent(dataDirectory)
                    : StackDirectory.temporary();
            KafkaBroker.Builder kafka = KafkaBroker.builder().optPort(kPort).optControllerPort(kcPort)
                    .optStartTimeout(startTimeout).optShutdownHook(shutdownHook)
                    .stackDirectory(dir, kafkaPortSetting, kafkaControllerPortSetting);
            PostgresServer.Builder postgres = PostgresServer.builder().optPort(pgPort).optStartTimeout(startTimeout)
                    .optShutdownHook(shutdownHook).stackDirectory(dir, postgresPortSetting);
            S3Server.Builder s3 = S3Server.builder().optPort(s3p).optCredentials(s3AccessKey, s3SecretKey)
                    .optStartTimeout(startTimeout).optShutdownHook(shutdownHook).stackDirectory(dir, s3PortSetting);
            if (bucket != null) {
                s3.optBucket(bucket);
            }

            ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
                Thread t = new Thread(r, "sim2word-stack-start");
                t.setDaemon(true);
                t.setContextClassLoader(LocalServices.class.getClassLoader());
                return t;
            });
            CompletableFuture<KafkaBroker> k = CompletableFuture.supplyAsync(kafka::start, pool);
            CompletableFuture<Migrated> p = CompletableFuture.supplyAsync(postgres::start, pool)
                    .thenApply(pg -> migrate(pg));
            CompletableFuture<S3Server> s = CompletableFuture.supplyAsync(s3::start, pool);
            pool.shutdown();
            try {
                CompletableFuture.allOf(k, p, s).get(startTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                return new LocalServices(dir, k.join(), p.join().server, s.join(), p.join().applied,
                        Duration.ofNanos(System.nanoTime() - began), shared);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw failed(List.of(k, p.thenApply(m -> m.server), s), e);
            }
        }

        private Migrated migrate(PostgresServer pg) {
            try {
                int applied = !migrate ? 0 : ContextClassLoader.ours(
                        () -> Migrations.migrate(pg.jdbcUrl(), pg.user(), pg.password()));
                return new Migrated(pg, applied);
            } catch (RuntimeException e) {
                pg.close();
                throw new ServiceStartException(PostgresServer.SERVICE, "migrating the schema failed: " + e,
                        pg.logFile(), e);
            }
        }

        /** Waits for every start to end, stops what did start, and builds the exception to throw. */
        private static RuntimeException failed(List<CompletableFuture<? extends AutoCloseable>> all,
                Exception first) {
            List<AutoCloseable> started = new ArrayList<>();
            RuntimeException failure = null;
            for (CompletableFuture<? extends AutoCloseable> f : all) {
                try {
                    started.add(f.get(2, TimeUnit.MINUTES));
                } catch (Exception e) {
                    RuntimeException cause = unwrap(e);
                    if (failure == null) {
                        failure = cause;
                    } else if (cause != failure) {
                        failure.addSuppressed(cause);
                    }
                }
            }
            closeAll(started);
            if (failure == null) {
                failure = unwrap(first);
            }
            // A temporary folder stays when something failed, so that the logs named in the message can be read.
            return failure;
        }

        private static RuntimeException unwrap(Exception e) {
            Throwable t = e;
            while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t instanceof RuntimeException ? (RuntimeException) t : new IllegalStateException(t);
        }

        private static final class Migrated {
            final PostgresServer server;
            final int applied;

            Migrated(PostgresServer server, int applied) {
                this.server = server;
                this.applied = applied;
            }
        }
    }
}
