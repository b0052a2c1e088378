package org.sim2word.launcher;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.stack.LocalServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on 127.0.0.1: Kafka, PostgreSQL (schema migrated) and S3 from {@link LocalServices}, then the
 * gateway, a worker and the aggregator as processes built from this repository. Closing stops the apps first (each
 * finishes what it is doing), then the services; no process outlives it.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration APP_START = Duration.ofMinutes(3);

    private final LauncherSettings settings;
    private final LocalServices services;
    private final Map<String, Integer> appPorts;
    private final List<AppProcess> apps = Collections.synchronizedList(new ArrayList<>());

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
        Map<String, Integer> appPorts = new HashMap<>();
        appPorts.put("gateway", appPort("the gateway", p.gateway(), "SIM2WORD_PORT_GATEWAY"));
        appPorts.put("worker", appPort("the worker's health endpoint", p.worker(), "SIM2WORD_PORT_WORKER"));
        appPorts.put("aggregator", appPort("the aggregator", p.aggregator(), "SIM2WORD_PORT_AGGREGATOR"));
        LocalServices.Builder builder = LocalServices.builder().optKafkaPort(p.kafka())
                .optKafkaControllerPort(p.kafkaController()).optPostgresPort(p.postgres()).optS3Port(p.s3());
        builder = dataDirectory == null ? builder.optTemporaryDirectory() : builder.optDataDirectory(dataDirectory);
        LOG.info("Starting Kafka, PostgreSQL and S3 on 127.0.0.1");
        LocalServices services = builder.start();
        LocalStack stack = new LocalStack(settings, services, appPorts);
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
        for (String app : List.of("gateway", "worker", "aggregator")) {
            Thread t = new Thread(() -> {
                try {
                    apps.add(startApp(app));
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

    /** Starts one app (again, e.g. after {@link AppProcess#kill()}); it is stopped with the stack. */
    public AppProcess startApp(String app) {
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

    /** Adds a started app to those stopped with the stack. */
    public void adopt(AppProcess app) {
        apps.add(app);
    }

    public AppProcess app(String name) {
        synchronized (apps) {
            return apps.stream().filter(a -> a.name().equals(name) && a.isAlive()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no running " + name));
        }
    }

    public URI gatewayUrl() {
        return url("gateway", "");
    }

    public URI aggregatorUrl() {
        return url("aggregator", "");
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

    /** The app's port, a free one for 0; a taken port stops the launch before anything starts. */
    private static int appPort(String app, int port, String setting) {
        int chosen = port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port), 1);
            chosen = probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(app + " cannot start: port " + port + " on 127.0.0.1 is already in use. "
                    + "Stop that process, or choose another port with " + setting + " (0 picks a free port).");
        }
        return chosen;
    }

    @Override
    public void close() {
        List<AppProcess> running;
        synchronized (apps) {
            running = new ArrayList<>(apps);
            apps.clear();
        }
        // The gateway first, so no new work arrives; the worker finishes its job in hand.
        running.sort((x, y) -> Integer.compare(order(x.name()), order(y.name())));
        for (AppProcess app : running) {
            LOG.info("Stopping {}", app.name());
            app.close();
        }
        LOG.info("Stopping Kafka, PostgreSQL and S3");
        services.close();
    }

    private static int order(String app) {
        return switch (app) {
            case "gateway" -> 0;
            case "worker" -> 1;
            default -> 2;
        };
    }
}
