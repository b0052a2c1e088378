package org.sim2word.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.sim2word.stack.child.ChildMain;

/**
 * A child JVM: started through {@link ChildMain} so that it dies with this JVM, in a session of its own so that only
 * this JVM stops it ({@link OwnSession}), output appended to a log file, stopped with SIGTERM and then SIGKILL.
 */
final class JavaChild {
    private static final String CHILD_MAIN_CLASS_FILE = ChildMain.class.getName().replace('.', '/') + ".class";

    private final String service;
    private final Process process;
    private final Path log;
    /** Kept reachable: if this stream were collected and closed, the child would think its parent had gone. */
    private final OutputStream lifeline;

    private JavaChild(String service, Process process, Path log) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.lifeline = process.getOutputStream();
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath + launcher> ChildMain <mainArgs>}, appending its output to
     * {@code log}.
     */
    static JavaChild start(String service, StackDirectory directory, List<Path> classpath, List<String> jvmOptions,
            List<String> mainArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dsim2word.stack.service=" + service);
        command.add("-cp");
        List<Path> fullClasspath = new ArrayList<>(classpath);
        fullClasspath.add(launcherClasses(directory));
        command.add(fullClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(ChildMain.class.getName());
        command.addAll(mainArgs);
        try {
            Files.writeString(log, "---- " + Instant.now() + " sim2word-stack starts " + service + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(OwnSession.command(command))
                    .directory(directory.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("JAVA_TOOL_OPTIONS"); // a debugger agent meant for the tests would clash
            return new JavaChild(service, builder.start(), log);
        } catch (IOException e) {
            throw new ServiceStartException(service, "could not run " + command.get(0) + ": " + e.getMessage(), log, e);
        }
    }

    /**
     * Waits until {@code ready} holds, checking that the child is still alive between tries. On a timeout or an early
     * exit it stops the child and throws with the log's last lines.
     */
    void awaitReady(Duration timeout, String what, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            if (!process.isAlive()) {
                throw new ServiceStartException(service, "its JVM exited with status " + process.exitValue()
                        + " before " + what, log, lastError);
            }
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                stop(Duration.ZERO);
                throw new ServiceStartException(service, "not " + what + " within " + timeout.toSeconds() + " s",
                        log, lastError);
            }
            sleep(50);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /**
     * SIGTERM (the child's shutdown hooks run: Kafka shuts down cleanly), up to {@code grace}; then SIGKILL. A zero
     * grace kills at once. Returns when the process is gone.
     */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        try {
            if (process.isAlive() && !grace.isZero()) {
                process.destroy();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle descendant : descendants) {
            descendant.destroyForcibly();
        }
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the child is gone already
        }
    }

    /** Writes ChildMain's class file under run/launcher, where a child classpath can name it. */
    private static Path launcherClasses(StackDirectory directory) {
        Path root = directory.run().resolve("launcher");
        Path target = root.resolve(CHILD_MAIN_CLASS_FILE);
        try (InputStream in = ChildMain.class.getClassLoader().getResourceAsStream(CHILD_MAIN_CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + CHILD_MAIN_CLASS_FILE + " from the classpath");
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "ChildMain", ".tmp");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service", e);
        }
    }
}
