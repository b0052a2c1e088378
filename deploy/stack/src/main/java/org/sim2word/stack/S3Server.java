package org.sim2word.stack;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sim2word.common.storage.StorageKeys;

/**
 * An S3-compatible store on 127.0.0.1: S3Proxy's runnable jar in a child JVM, keeping objects as plain files under
 * {@code <dir>/s3/<bucket>/<key>}, checking AWS signatures (v2 and v4) against one access/secret key pair. Creates
 * its bucket once ready.
 *
 * <pre>
 * try (S3Server s3 = S3Server.builder().start(); MinioClient client = s3.newClient()) { ... }
 * </pre>
 */
public final class S3Server implements AutoCloseable {
    public static final String SERVICE = "S3";
    public static final String DEFAULT_ACCESS_KEY = "sim2word";
    public static final String DEFAULT_SECRET_KEY = "sim2word-secret";
    /** S3Proxy ignores regions; clients must still name one to sign. */
    public static final String REGION = "us-east-1";
    /** Full JIT (C2): every heatmap of every job passes through S3Proxy, so its steady state matters. */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");

    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;
    private final StackDirectory directory;
    private final Running service;

    private S3Server(Builder b, StackDirectory directory, boolean ownsDirectory, int port) {
        this.port = port;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.bucket = b.bucket;
        this.directory = directory;
        this.service = ChildService.start(SERVICE, "s3proxy", directory, ownsDirectory,
                List.of(StackTools.s3proxyJar()), b.javaOptions,
                () -> List.of("org.gaul.s3proxy.Main", "--properties", writeConfig().toString()),
                child -> awaitReadyAndCreateBucket(child, b.startTimeout()), b.shutdownHook());
    }

    /** A store that runs already, started by someone else. */
    S3Server(StackDirectory directory, int port, String accessKey, String secretKey, String bucket, Running running) {
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.bucket = bucket;
        this.directory = directory;
        this.service = running;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, the value of {@code sim2word.s3.endpoint}. */
    public String endpoint() {
        return "http://" + Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The bucket created at start-up. */
    public String bucket() {
        return bucket;
    }

    /** A new client for this store; the caller closes it (an open MinioClient keeps a JVM alive for a minute). */
    public MinioClient newClient() {
        return MinioClient.builder().endpoint(endpoint()).credentials(accessKey, secretKey).region(REGION).build();
    }

    /** The folder that holds the buckets. */
    public Path dataDirectory() {
        return directory.root().resolve("s3");
    }

    public long pid() {
        return service.pid();
    }

    public boolean isAlive() {
        return service.isAlive();
    }

    public Path logFile() {
        return service.log();
    }

    /** From the call to start until the bucket existed. */
    public Duration startedIn() {
        return service.startedIn();
    }

    /** Stops S3Proxy (and deletes its folder when temporary). Idempotent. */
    @Override
    public void close() {
        service.close();
    }

    @Override
    public String toString() {
        return "S3Server[" + endpoint() + ", bucket " + bucket + ", " + directory + "]";
    }

    private Path writeConfig() {
        Path data = directory.folder("s3");
        String config = String.join("\n",
                "# Written by sim2word-stack on every start; edits are lost.",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                "");
        Path file = directory.run().resolve("s3proxy.properties");
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }

    private void awaitReadyAndCreateBucket(JavaChild child, Duration timeout) {
        long began = System.nanoTime();
        child.awaitReady(timeout, "listening on " + endpoint(), () -> Ports.isListening(port));
        Duration left = timeout.minusNanos(System.nanoTime() - began);
        try (MinioClient client = newClient()) {
            child.awaitReady(left, "ready to create bucket " + bucket, () -> createBucket(client));
        } catch (Exception e) {
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException(e);
        }
    }

    private boolean createBucket(MinioClient client) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("creating bucket " + bucket + " failed: " + e, e);
        }
    }

    /** Settings of the store; {@link #start()} starts it. */
    public static final class Builder extends ServiceBuilder<Builder> {
        private String accessKey = DEFAULT_ACCESS_KEY;
        private String secretKey = DEFAULT_SECRET_KEY;
        private String bucket = StorageKeys.DEFAULT_BUCKET;
        private List<String> javaOptions = DEFAULT_JAVA_OPTIONS;

        private Builder() {
            super(Duration.ofSeconds(60), "S3Server.Builder.optPort(int)");
        }

        /** The one key pair the store accepts; {@value #DEFAULT_ACCESS_KEY}/{@value #DEFAULT_SECRET_KEY} by default. */
        public Builder optCredentials(String accessKey, String secretKey) {
            this.accessKey = requireText(accessKey, "access key");
            this.secretKey = requireText(secretKey, "secret key");
            return this;
        }

        /** The bucket to create; {@link StorageKeys#DEFAULT_BUCKET} by default. */
        public Builder optBucket(String bucket) {
            this.bucket = requireText(bucket, "bucket");
            return this;
        }

        /** Replaces the JVM options, {@link #DEFAULT_JAVA_OPTIONS} by default. */
        public Builder optJavaOptions(List<String> options) {
            this.javaOptions = List.copyOf(options);
            return this;
        }

        /** Starts S3Proxy and returns once the bucket exists. */
        public S3Server start() {
            int chosen = Ports.orFree(port());
            Ports.requireFree(chosen, SERVICE, portSetting());
            return new S3Server(this, directoryToUse(), ownsDirectory(), chosen);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the " + what + " must not be blank");
            }
            return value;
        }
    }
}
