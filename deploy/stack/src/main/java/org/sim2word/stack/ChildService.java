package org.sim2word.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a service run as a child JVM shares: the lock on its data, the process, a shutdown hook (unless its owner
 * stops it), and the temporary
 * folder it may own. Closing stops the child (cleanly when its data is kept, at once when it is thrown away).
 */
final class ChildService implements Running {
    private final StackDirectory directory;
    private final boolean ownsDirectory;
    private final AutoCloseable lock;
    private final JavaChild child;
    /** Null when the owner stops the service itself. */
    private final Thread shutdownHook;
    private volatile Duration startedIn = Duration.ZERO;
    private boolean closed;

    private ChildService(StackDirectory directory, boolean ownsDirectory, AutoCloseable lock, JavaChild child,
            boolean shutdownHook) {
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.lock = lock;
        this.child = child;
        this.shutdownHook = shutdownHook ? new Thread(this::close, "sim2word-stack-stop-" + child.pid()) : null;
    }

    /**
     * Locks {@code run/<name>.lock}, asks for the main arguments (now that writing configs is safe), starts the child with its output in {@code logs/<name>.log}, and runs
     * {@code awaitReady}. With {@code shutdownHook}, a JVM shutdown hook closes it. On failure everything is undone except a temporary folder, kept so that the log named in
     * the exception can be read.
     */
    static ChildService start(String service, String name, StackDirectory directory, boolean ownsDirectory,
            List<Path> classpath, List<String> javaOptions, Supplier<List<String>> mainArgs,
            Consumer<JavaChild> awaitReady, boolean shutdownHook) {
        long began = System.nanoTime();
        AutoCloseable lock = directory.lock(name, service);
        JavaChild child;
        try {
            child = JavaChild.start(service, directory, classpath, javaOptions, mainArgs.get(),
                    directory.log(name + ".log"));
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
        ChildService started = new ChildService(directory, ownsDirectory, lock, child, shutdownHook);
        if (shutdownHook) {
            Runtime.getRuntime().addShutdownHook(started.shutdownHook);
        }
        try {
            awaitReady.accept(child);
        } catch (RuntimeException e) {
            started.abort();
            throw e;
        }
        started.startedIn = Duration.ofNanos(System.nanoTime() - began);
        return started;
    }

    private synchronized void abort() {
        closed = true;
        child.stop(Duration.ZERO);
        closeQuietly(lock);
        removeShutdownHook();
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    @Override
    public Path log() {
        return child.log();
    }

    @Override
    public Duration startedIn() {
        return startedIn;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        child.stop(directory.isTemporary() ? Duration.ZERO : Duration.ofSeconds(15));
        closeQuietly(lock);
        removeShutdownHook();
        if (ownsDirectory) {
            directory.deleteIfTemporary();
        }
    }

    private void removeShutdownHook() {
        removeShutdownHook(shutdownHook);
    }

    /** Removes {@code hook} (if not null) unless the JVM is exiting already, perhaps in this very hook. */
    static void removeShutdownHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // during exit: nothing to remove
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort while stopping
        }
    }
}
