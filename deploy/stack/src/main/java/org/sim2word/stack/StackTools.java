package org.sim2word.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the programs the stack runs as child JVMs lie: the Kafka broker's jars and the S3Proxy jar.
 *
 * <p>Maven resolves them when it builds {@code sim2word-stack-tools}, which records their absolute paths in the local
 * Maven repository in the resource {@value #RESOURCE}; that jar rides along with {@code sim2word-stack} without any
 * of their classes. The system properties {@value #KAFKA_CLASSPATH_PROPERTY} (a classpath, or {@code @file} holding
 * one) and {@value #S3PROXY_JAR_PROPERTY} override it.
 */
public final class StackTools {
    public static final String RESOURCE = "org/sim2word/stack/tools/stack-tools.properties";
    public static final String KAFKA_CLASSPATH_PROPERTY = "sim2word.stack.kafka.classpath";
    public static final String S3PROXY_JAR_PROPERTY = "sim2word.stack.s3proxy.jar";

    private static final String REBUILD = "Build them with: mvn -pl deploy/stack -am install";

    private StackTools() {
    }

    /** The Kafka broker's classpath (kafka_2.13 and its dependencies, slf4j-simple), every jar checked to exist. */
    public static List<Path> kafkaClasspath() {
        String classpath = System.getProperty(KAFKA_CLASSPATH_PROPERTY);
        String source = "system property " + KAFKA_CLASSPATH_PROPERTY;
        if (classpath != null && classpath.startsWith("@")) {
            source = classpath.substring(1);
            classpath = read(Path.of(source));
        }
        if (classpath == null) {
            classpath = recorded("kafka.classpath");
            source = RESOURCE;
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : classpath.trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(requireFile(Path.of(entry), "a jar of the Kafka broker", source));
            }
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("the Kafka broker's classpath in " + source + " is empty. " + REBUILD);
        }
        return jars;
    }

    /** S3Proxy's runnable jar-with-dependencies. */
    public static Path s3proxyJar() {
        String jar = System.getProperty(S3PROXY_JAR_PROPERTY);
        if (jar != null) {
            return requireFile(Path.of(jar), "the S3Proxy jar", "system property " + S3PROXY_JAR_PROPERTY);
        }
        return requireFile(Path.of(recorded("s3proxy.jar")), "the S3Proxy jar", RESOURCE);
    }

    private static String recorded(String key) {
        Properties properties = new Properties();
        try (InputStream in = resource()) {
            if (in == null) {
                throw new IllegalStateException("the classpath has no " + RESOURCE
                        + " (from org.sim2word:sim2word-stack-tools), so the stack cannot find Kafka and S3Proxy. "
                        + REBUILD);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        String value = properties.getProperty(key, "");
        if (value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no value for " + key + " (was it built unfiltered?). "
                    + REBUILD);
        }
        return value;
    }

    private static InputStream resource() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(RESOURCE);
        return in != null ? in : StackTools.class.getClassLoader().getResourceAsStream(RESOURCE);
    }

    private static Path requireFile(Path path, String what, String source) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(what + " named in " + source + " is missing: " + path
                    + " (was the local Maven repository cleaned, or is this another machine?). " + REBUILD);
        }
        return path;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Kafka classpath from " + file, e);
        }
    }
}
