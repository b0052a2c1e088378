package org.sim2word.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The worker's settings. Each key is looked up, in order, as a system property, as an environment variable
 * (upper case, dots and dashes as underscores: {@code sim2word.s3.endpoint} → {@code SIM2WORD_S3_ENDPOINT}),
 * then in {@code worker.properties} on the class path, which holds every default (docs/operations.md).
 */
public final class WorkerConfig {
    private final Properties defaults;
    private final Map<String, String> environment;
    private final Properties overrides;

    WorkerConfig(Properties defaults, Map<String, String> environment, Properties overrides) {
        this.defaults = defaults;
        this.environment = environment;
        this.overrides = overrides;
    }

    public static WorkerConfig fromEnvironment() {
        Properties defaults = new Properties();
        try (InputStream in = WorkerConfig.class.getResourceAsStream("/worker.properties")) {
            if (in == null) {
                throw new IllegalStateException("worker.properties is missing from the class path");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkerConfig(defaults, System.getenv(), System.getProperties());
    }

    /** A copy of this configuration with {@code values} taking precedence, e.g. for tests. */
    public WorkerConfig with(Map<String, String> values) {
        Properties merged = new Properties();
        merged.putAll(overrides);
        merged.putAll(values);
        return new WorkerConfig(defaults, environment, merged);
    }

    public String get(String key) {
        String value = overrides.getProperty(key);
        if (value == null) {
            value = environment.get(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null) {
            value = defaults.getProperty(key);
        }
        if (value == null) {
            throw new IllegalStateException("setting " + key + " has no value and no default");
        }
        return expand(value.trim());
    }

    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + key + " must be a whole number, is '" + v + "'");
        }
    }

    public Path getPath(String key) {
        return Path.of(get(key)).toAbsolutePath().normalize();
    }

    /** Replaces ${other.key} with that key's value, so defaults can build on sim2word.home. */
    private String expand(String value) {
        int start = value.indexOf("${");
        if (start < 0) {
            return value;
        }
        int end = value.indexOf('}', start);
        String key = value.substring(start + 2, end);
        return expand(value.substring(0, start) + get(key) + value.substring(end + 1));
    }
}
