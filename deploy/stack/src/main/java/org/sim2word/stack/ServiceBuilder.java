package org.sim2word.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every service's builder shares: where its data lives, its port, how long to wait for it, and the name of the
 * setting a user changes when that port is taken. {@link LocalServices} passes in one folder for all services; used on
 * its own, a service gets its own folder (kept) or a temporary one (deleted on close).
 *
 * @param <B> the concrete builder, returned by every {@code opt*} method
 */
public abstract class ServiceBuilder<B extends ServiceBuilder<B>> {
    private Path directory;
    private StackDirectory stackDirectory;
    private int port;
    private Duration startTimeout;
    private String portSetting;
    private boolean shutdownHook = true;

    ServiceBuilder(Duration startTimeout, String portSetting) {
        this.startTimeout = startTimeout;
        this.portSetting = portSetting;
    }

    /**
     * Keeps the service's data under {@code dir} (its log in {@code dir}/logs), so a restart with the same folder finds
     * it again. Without it, a temporary folder is used and deleted on close.
     */
    public B optDirectory(Path dir) {
        this.directory = Objects.requireNonNull(dir);
        return self();
    }

    /** The service's port; 0 (the default) picks a free one. */
    public B optPort(int port) {
        this.port = Ports.check(port);
        return self();
    }

    /** How long to wait for the service to be ready. */
    public B optStartTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout);
        return self();
    }

    /**
     * Whether a JVM shutdown hook stops the service at exit; true by default. An owner that stops the service itself,
     * after whatever depends on it, turns it off: a JVM runs its hooks all at once, so the hook would stop the service
     * at the same instant as its users. Turned off, the service still dies with this JVM (see the README).
     */
    public B optShutdownHook(boolean stopAtExit) {
        this.shutdownHook = stopAtExit;
        return self();
    }

    /** A folder owned by the caller, shared with other services; {@code portSetting} is named if the port is taken. */
    B stackDirectory(StackDirectory dir, String portSetting) {
        this.stackDirectory = dir;
        this.portSetting = portSetting;
        return self();
    }

    int port() {
        return port;
    }

    boolean shutdownHook() {
        return shutdownHook;
    }

    Duration startTimeout() {
        return startTimeout;
    }

    String portSetting() {
        return portSetting;
    }

    /** The folder to run in: the caller's, or one of the service's own. */
    StackDirectory directoryToUse() {
        if (stackDirectory != null) {
            return stackDirectory;
        }
        return directory != null ? StackDirectory.persistent(directory) : StackDirectory.temporary();
    }

    /** Whether the service owns {@link #directoryToUse()} (and deletes it on close when temporary). */
    boolean ownsDirectory() {
        return stackDirectory == null;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
