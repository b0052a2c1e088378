package org.sim2word.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.sim2word.common.messaging.Topics;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) in a child JVM, listening on
 * 127.0.0.1 only. Its storage is formatted on first start; the project's topics are created once it is ready.
 *
 * <pre>
 * try (KafkaBroker kafka = KafkaBroker.builder().start()) {
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * </pre>
 * The broker stops when this object closes, when this JVM exits, and when this JVM dies (the child watches its stdin).
 */
public final class KafkaBroker implements AutoCloseable {
    /** The service's name in messages. */
    public static final String SERVICE = "Kafka";
    /** Default JVM options of the broker. */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final StackDirectory directory;
    private final int port;
    private final int controllerPort;
    private final Map<String, Integer> topics;
    private final Running service;

    private KafkaBroker(Builder b, StackDirectory directory, boolean ownsDirectory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.topics = Map.copyOf(b.topics);
        this.service = ChildService.start(SERVICE, "kafka", directory, ownsDirectory, StackTools.kafkaClasspath(),
                b.javaOptions, () -> {
                    String config = writeConfig().toString();
                    if (Files.exists(dataDirectory().resolve("meta.properties"))) { // formatted on an earlier start
                        return List.of("kafka.Kafka", config);
                    }
                    return List.of("--kafka-format", newClusterId(), config, "kafka.Kafka", config);
                }, child -> awaitReadyAndCreateTopics(child, b.startTimeout()), b.shutdownHook());
    }

    /** A broker that runs already, started by someone else. */
    KafkaBroker(StackDirectory directory, int port, int controllerPort, Map<String, Integer> topics, Running running) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.topics = Map.copyOf(topics);
        this.service = running;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The KRaft controller's port; clients never use it. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The topics created at start-up, with their partition counts. */
    public Map<String, Integer> topics() {
        return topics;
    }

    /** The broker's process id. */
    public long pid() {
        return service.pid();
    }

    /** The broker's {@code log.dirs}. */
    public Path dataDirectory() {
        return directory.root().resolve("kafka");
    }

    /** The broker's output, appended on every start. */
    public Path logFile() {
        return service.log();
    }

    /** From the call to start until the topics existed. */
    public Duration startedIn() {
        return service.startedIn();
    }

    /** Whether the broker's process is running. */
    public boolean isAlive() {
        return service.isAlive();
    }

    /**
     * Stops the broker: cleanly (SIGTERM, up to 15 s) when its data is kept, at once when its folder is temporary
     * (and then deletes that folder). Idempotent; a second caller waits for the first.
     */
    @Override
    public void close() {
        service.close();
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + directory + "]";
    }

    private Path writeConfig() {
        Path data = directory.folder("kafka");
        String config = String.join("\n",
                "# Written by sim2word-stack on every start; edits are lost.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Ports.HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + Ports.HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=6",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
        Path file = directory.run().resolve("kafka.properties");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    /**
     * The admin client is made first: loading and initialising it takes this JVM a second or two, which then overlaps
     * the broker's own start instead of following it.
     */
    private void awaitReadyAndCreateTopics(JavaChild child, Duration timeout) {
        long began = System.nanoTime();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sim2word-stack");
        ContextClassLoader.ours(() -> {
            try (Admin admin = Admin.create(props)) {
                child.awaitReady(timeout, "listening on " + bootstrapServers(), () -> Ports.isListening(port));
                Duration left = timeout.minusNanos(System.nanoTime() - began);
                child.awaitReady(left, "ready to create its topics", () -> createTopics(admin));
            }
            return null;
        });
    }

    private boolean createTopics(Admin admin) {
        List<NewTopic> wanted = new ArrayList<>();
        topics.forEach((name, partitions) -> wanted.add(new NewTopic(name, partitions, (short) 1)));
        var results = admin.createTopics(wanted).values();
        for (var result : results.entrySet()) {
            try {
                result.getValue().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("creating topic " + result.getKey() + " failed: " + e.getCause(),
                            e.getCause());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("creating topic " + result.getKey() + " failed: " + e, e);
            }
        }
        return true;
    }

    /** A random Kafka cluster id: 16 bytes, URL-safe base64 without padding (22 characters). */
    private static String newClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        bytes[0] &= 0x7f; // never the reserved all-zero or all-one ids, and never a leading '-'
        bytes[0] |= 0x10;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Settings of a broker; {@link #start()} starts it. */
    public static final class Builder extends ServiceBuilder<Builder> {
        private int controllerPort;
        private final Map<String, Integer> topics = new LinkedHashMap<>();
        private List<String> javaOptions = DEFAULT_JAVA_OPTIONS;
        private String controllerPortSetting = "KafkaBroker.Builder.optControllerPort(int)";

        private Builder() {
            super(Duration.ofSeconds(90), "KafkaBroker.Builder.optPort(int)");
            topics.put(Topics.JOBS, 6);
            topics.put(Topics.JOB_EVENTS, 6);
            topics.put(Topics.DEAD_LETTER, 1);
        }

        /** The KRaft controller's port; 0 (the default) picks a free one. */
        public Builder optControllerPort(int port) {
            this.controllerPort = Ports.check(port);
            return this;
        }

        /**
         * A topic to create at start-up (an existing one is kept as it is). By default: {@link Topics#JOBS} and
         * {@link Topics#JOB_EVENTS} with 6 partitions, {@link Topics#DEAD_LETTER} with 1.
         */
        public Builder optTopic(String name, int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("a topic needs at least one partition: " + name);
            }
            topics.put(Objects.requireNonNull(name), partitions);
            return this;
        }

        /** Replaces the broker's JVM options, {@link #DEFAULT_JAVA_OPTIONS} by default. */
        public Builder optJavaOptions(List<String> options) {
            this.javaOptions = List.copyOf(options);
            return this;
        }

        Builder stackDirectory(StackDirectory dir, String portSetting, String controllerPortSetting) {
            this.controllerPortSetting = controllerPortSetting;
            return stackDirectory(dir, portSetting);
        }

        /** Starts the broker and returns once its topics exist. */
        public KafkaBroker start() {
            int[] free = Ports.free(2);
            int clientPort = port() == 0 ? free[0] : port();
            int quorumPort = controllerPort == 0 ? (free[1] == clientPort ? Ports.free(1)[0] : free[1]) : controllerPort;
            if (clientPort == quorumPort) {
                throw new IllegalArgumentException("Kafka's client and controller ports are both " + clientPort);
            }
            Ports.requireFree(clientPort, SERVICE, portSetting());
            Ports.requireFree(quorumPort, SERVICE + " (controller)", controllerPortSetting);
            return new KafkaBroker(this, directoryToUse(), ownsDirectory(), clientPort, quorumPort);
        }
    }
}
