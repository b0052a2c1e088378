package org.sim2word.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sim2word.stack.OwnSession;
import org.sim2word.stack.Watchdog;

/**
 * One of the apps (gateway, worker, aggregator) running as a child JVM, its output in a log file. It counts as
 * started once its health URL answers 200. Closing it asks it to stop (SIGTERM, so it finishes what it is doing)
 * and kills it if it does not within the grace period. If the launcher dies without closing it, even by kill -9, a
 * {@link Watchdog} sends it SIGTERM, then SIGKILL, so that no app lives on holding its port.
 */
public final class AppProcess implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI health;
    /** Held as long as the app: the watchdog's stdin is the lifeline. */
    private final Watchdog watchdog;

    private AppProcess(String name, Process process, Path log, URI health, Watchdog watchdog) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.health = health;
        this.watchdog = watchdog;
        process.onExit().thenRun(watchdog::close); // its pid may be handed out again
    }

    /**
     * Starts {@code java <jvmArgs> -jar jar} with {@code environment} added, and waits until it is healthy.
     *
     * @throws IllegalStateException when it exits or stays unhealthy past {@code timeout}; the message quotes its log
     */
    public static AppProcess start(String name, Path jar, List<String> jvmArgs, Map<String, String> environment,
                                   URI health, Path logs, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing. Build it with "
                    + "mvn -B package -DskipTests (deploy/sim2word demo does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            // Its own session: Ctrl-C reaches only the launcher, which stops the apps in order.
            ProcessBuilder builder = new ProcessBuilder(OwnSession.command(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Watchdog watchdog;
            try {
                // SIGKILL 10 s later: without the launcher, the services die too, and the app's orderly stop may hang
                watchdog = Watchdog.start(process.pid(), "TERM", ORPHAN_GRACE, "sim2word-" + name + "-watchdog");
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            AppProcess app = new AppProcess(name, process, log, health, watchdog);
            app.awaitHealthy(timeout);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit status when the process ends (128 + the signal's number when a signal ended it). */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Kills the process at once, as a crash would: no shutdown hooks, nothing finished. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting. "
                        + "Last lines of " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while " + name + " was starting", e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException(name + " was not healthy at " + health + " within " + timeout.toSeconds()
                + " s. Last lines of " + log + ":\n" + tail());
    }

    /** The last lines of the log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
