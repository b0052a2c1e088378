package org.sim2word.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The local stack's settings: the data home, the repository the apps were built in, and every port. Each is read
 * from a system property or the environment variable of the same name in upper case with underscores
 * ({@code sim2word.port.gateway} → {@code SIM2WORD_PORT_GATEWAY}); 0 picks a free port.
 *
 * @param home   the one folder with models, faces and the stack's data; delete it to start afresh
 * @param root   the repository root, where the apps' builds are
 * @param ports  the port of each service and app
 */
public record LauncherSettings(Path home, Path root, Ports ports) {

    /** Ports of everything the stack runs; 0 means "pick a free one". */
    public record Ports(int gateway, int worker, int aggregator, int kafka, int kafkaController, int postgres, int s3) {
        public static Ports usual() {
            return new Ports(8080, 8081, 8082, 9092, 9093, 5432, 9000);
        }

        public static Ports anyFree() {
            return new Ports(0, 0, 0, 0, 0, 0, 0);
        }
    }

    public static LauncherSettings fromEnvironment() {
        Path root = Path.of(setting("sim2word.root", ".")).toAbsolutePath().normalize();
        Path home = Path.of(setting("sim2word.home", root.resolve(".sim2word").toString())).toAbsolutePath().normalize();
        Ports usual = Ports.usual();
        Ports ports = new Ports(
                port("gateway", usual.gateway()), port("worker", usual.worker()),
                port("aggregator", usual.aggregator()), port("kafka", usual.kafka()),
                port("kafka-controller", usual.kafkaController()), port("postgres", usual.postgres()),
                port("s3", usual.s3()));
        return new LauncherSettings(home, root, ports);
    }

    public Path models() {
        return home.resolve("models");
    }

    public Path faces() {
        return home.resolve("faces/johns");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** Checks that the set-up steps ran, saying which command fixes what is missing. */
    public void requireInstalled() {
        if (!Files.isDirectory(models().resolve("hse-faceres")) || !Files.isDirectory(models().resolve("dlib-resnet29"))) {
            throw new IllegalStateException("no models under " + models() + ": run deploy/models/install.sh");
        }
        if (!Files.isDirectory(faces())) {
            throw new IllegalStateException("no faces under " + faces() + ": run deploy/faces/fetch-johns.sh");
        }
    }

    private static int port(String name, int usual) {
        String key = "sim2word.port." + name;
        String value = setting(key, String.valueOf(usual));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, is '" + value + "'");
        }
    }

    /** The environment variable that sets the port of {@code name}: {@code worker} → {@code SIM2WORD_PORT_WORKER}. */
    public static String portVariable(String name) {
        return environmentVariable("sim2word.port." + name);
    }

    private static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(environmentVariable(key));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
