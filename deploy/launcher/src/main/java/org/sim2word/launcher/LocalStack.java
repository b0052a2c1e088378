package org.sim2word.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.stack.LocalServices;
import org.sim2word.stack.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on 127.0.0.1: Kafka, PostgreSQL (schema migrated) and S3 from {@link LocalServices}, then the
 * gateway, a worker and the aggregator as processes built from this repository, each restarted when it dies
 * ({@link SupervisedApp}). Closing stops the apps first (each finishes what it is doing), then the services; so does
 * the one shutdown hook of the stack when the JVM exits (Ctrl-C, SIGTERM). No process outlives it, not even after a
 * kill -9 (the services' lifelines, the apps' {@link org.sim2word.stack.Watchdog}s).
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration APP_START = Duration.ofMinutes(3);

    private final LauncherSettings settings;
    private final LocalServices services;
    /** The usual order of stopping: the gateway first, so no new work arrives; the worker finishes its job in hand. */
    private static final List<String> APPS = List.of("gateway", "worker", "aggregator");

    private final Map<String, Integer> appPorts;
    private final Map<String, SupervisedApp> apps = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Thread shutdownHook = new Thread(this::stopAtExit, "stop-local-stack");
    private boolean closed;

    private LocalStack(LauncherSettings settings, LocalServices services, Map<String, Integer> appPorts) {
        this.settings = settings;
        this.services = services;
        this.appPorts = appPorts;
    }

    /**
     * Starts everything.
     *
     * @param dataDirectory where the services keep their data (kept across runs), or null for a temporary folder
     */
    public static LocalStack start(LauncherSettings settings, Path dataDirectory) {
        settings.requireInstalled();
        LauncherSettings.Ports p = settings.ports();
        int[] free = Ports.free(3);
        Map<String, Integer> appPorts = new HashMap<>();
        appPorts.put("gateway", appPort("the gateway", p.gateway(), free[0], "gateway"));
        appPorts.put("worker", appPort("the worker's health endpoint", p.worker(), free[1], "worker"));
        appPorts.put("aggregator", appPort("the aggregator", p.aggregator(), free[2], "aggregator"));
        // The stack stops the services itself, after the apps that use them, in its one shutdown hook.
        LocalServices.Builder builder = LocalServices.builder().optShutdownHook(false)
                .optKafkaPort(p.kafka(), LauncherSettings.portVariable("kafka"))
                .optKafkaControllerPort(p.kafkaController(), LauncherSettings.portVariable("kafka-controller"))
                .optPostgresPort(p.postgres(), LauncherSettings.portVariable("postgres"))
                .optS3Port(p.s3(), LauncherSettings.portVariable("s3"));
        builder = dataDirectory == null ? builder.optTemporaryDirectory() : builder.optDataDirectory(dataDirectory);
        LOG.info("Starting Kafka, PostgreSQL and S3 on 127.0.0.1");
        LocalServices services = builder.start();
        LocalStack stack = new LocalStack(settings, services, appPorts);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startApps();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startApps() {
        LOG.info("Services up in {} ms (data in {}); starting the gateway, the worker and the aggregator",
                services.startedIn().toMillis(), services.dataDirectory());
        // The three start side by side: the worker's models take the longest to load.
        List<Thread> starters = new ArrayList<>();
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        for (String app : APPS) {
            Thread t = new Thread(() -> {
                try {
                    apps.put(app, SupervisedApp.start(app, () -> startApp(app)));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "start-" + app);
            starters.add(t);
            t.start();
        }
        for (Thread t : starters) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the apps", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private AppProcess startApp(String app) {
        AppProcess process = switch (app) {
            case "gateway" -> AppProcess.start("gateway", quarkusApp("gateway"), List.of("-Xmx512m"),
                    quarkusEnvironment("gateway"), url("gateway", "/q/health/ready"), settings.logs(), APP_START);
            case "aggregator" -> AppProcess.start("aggregator", quarkusApp("aggregator"), List.of("-Xmx384m"),
                    quarkusEnvironment("aggregator"), url("aggregator", "/q/health/ready"), settings.logs(), APP_START);
            case "worker" -> AppProcess.start("worker", settings.root().resolve("worker/target/sim2word-worker.jar"),
                    List.of("-Xmx1g"), workerEnvironment(), url("worker", "/health"), settings.logs(), APP_START);
            default -> throw new IllegalArgumentException("no app named " + app);
        };
        LOG.info("{} is up (pid {}, log {})", app, process.pid(), process.log());
        return process;
    }

    /** The app's latest process; while it is being restarted, the one that exited. */
    public AppProcess app(String name) {
        SupervisedApp app = apps.get(name);
        if (app == null) {
            throw new IllegalStateException("no app named " + name);
        }
        return app.process();
    }

    public URI gatewayUrl() {
        return url("gateway", "");
    }

    public URI aggregatorUrl() {
        return url("aggregator", "");
    }

    public URI workerHealthUrl() {
        return url("worker", "/health");
    }

    /** Where everything listens, with the credentials of this local stack, one line each. */
    public String addresses() {
        Map<String, String> s = services.asProperties();
        return String.join(System.lineSeparator(),
                "  gateway     " + gatewayUrl() + "   (docs/api.md)",
                "  aggregator  " + aggregatorUrl(),
                "  worker      " + workerHealthUrl(),
                "  Kafka       " + s.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS),
                "  PostgreSQL  " + s.get(LocalServices.JDBC_URL) + "   user " + s.get(LocalServices.JDBC_USER)
                        + ", password " + s.get(LocalServices.JDBC_PASSWORD),
                "  S3          " + s.get(LocalServices.S3_ENDPOINT) + "   access key "
                        + s.get(LocalServices.S3_ACCESS_KEY) + ", secret key " + s.get(LocalServices.S3_SECRET_KEY)
                        + ", bucket " + s.get(LocalServices.S3_BUCKET));
    }

    public LocalServices services() {
        return services;
    }

    public LauncherSettings settings() {
        return settings;
    }

    private URI url(String app, String path) {
        return URI.create("http://127.0.0.1:" + appPorts.get(app) + path);
    }

    private Path quarkusApp(String module) {
        return settings.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Map<String, String> quarkusEnvironment(String app) {
        Map<String, String> s = services.asProperties();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(appPorts.get(app)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", s.get(LocalServices.JDBC_URL));
        env.put("QUARKUS_DATASOURCE_USERNAME", s.get(LocalServices.JDBC_USER));
        env.put("QUARKUS_DATASOURCE_PASSWORD", s.get(LocalServices.JDBC_PASSWORD));
        env.put("SIM2WORD_S3_ENDPOINT", s.get(LocalServices.S3_ENDPOINT));
        env.put("SIM2WORD_S3_ACCESS_KEY", s.get(LocalServices.S3_ACCESS_KEY));
        env.put("SIM2WORD_S3_SECRET_KEY", s.get(LocalServices.S3_SECRET_KEY));
        env.put("SIM2WORD_S3_BUCKET", s.get(LocalServices.S3_BUCKET));
        env.put("SIM2WORD_AGGREGATOR_URL", aggregatorUrl().toString());
        return env;
    }

    private Map<String, String> workerEnvironment() {
        Map<String, String> s = services.asProperties();
        Map<String, String> env = new HashMap<>();
        env.put("SIM2WORD_HOME", settings.home().toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.get(LocalServices.KAFKA_BOOTSTRAP_SERVERS));
        env.put("SIM2WORD_DB_URL", s.get(LocalServices.JDBC_URL));
        env.put("SIM2WORD_DB_USER", s.get(LocalServices.JDBC_USER));
        env.put("SIM2WORD_DB_PASSWORD", s.get(LocalServices.JDBC_PASSWORD));
        env.put("SIM2WORD_S3_ENDPOINT", s.get(LocalServices.S3_ENDPOINT));
        env.put("SIM2WORD_S3_ACCESS_KEY", s.get(LocalServices.S3_ACCESS_KEY));
        env.put("SIM2WORD_S3_SECRET_KEY", s.get(LocalServices.S3_SECRET_KEY));
        env.put("SIM2WORD_S3_BUCKET", s.get(LocalServices.S3_BUCKET));
        env.put("SIM2WORD_WORKER_HTTP_PORT", String.valueOf(appPorts.get("worker")));
        return env;
    }

    /**
     * The app's port: {@code free} for 0; a taken port stops the launch before anything starts, naming the process
     * that holds it and the environment variable that gives the app another.
     */
    private static int appPort(String app, int port, int free, String name) {
        if (port == 0) {
            return free;
        }
        Ports.requireFree(port, app, LauncherSettings.portVariable(name));
        return port;
    }

    private void stopAtExit() {
        LOG.info("Stopping the local stack");
        close();
    }

    /** Stops the apps in the order of {@link #APPS}, none restarted any more, then the services. Idempotent. */
    @Override
    public void close() {
        List<SupervisedApp> running = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (String name : APPS) {
                SupervisedApp app = apps.remove(name);
                if (app != null) {
                    running.add(app);
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // closing in this very hook
        }
        running.forEach(SupervisedApp::stopRestarting);
        for (SupervisedApp app : running) {
            LOG.info("Stopping {}", app.name());
            app.close();
        }
        LOG.info("Stopping Kafka, PostgreSQL and S3");
        services.close();
    }
}
