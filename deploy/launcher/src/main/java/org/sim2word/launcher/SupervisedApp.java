package org.sim2word.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app the launcher keeps running: when its process exits without being asked to (a crash, kill -9, a JVM that
 * ended after an OutOfMemoryError), it is started again after a wait from a {@link RestartBudget}, or left down, with a
 * message, when it keeps dying. Closing stops it for good.
 */
final class SupervisedApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedApp.class);

    private final String name;
    private final Supplier<AppProcess> starter;
    private final RestartBudget budget = new RestartBudget();
    private final ScheduledExecutorService restarter;
    private AppProcess current;
    private int restarts;
    private boolean stopping;

    private SupervisedApp(String name, Supplier<AppProcess> starter) {
        this.name = name;
        this.starter = starter;
        this.restarter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "restart-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the app with {@code starter}, which returns once it is healthy, and restarts it the same way. */
    static SupervisedApp start(String name, Supplier<AppProcess> starter) {
        SupervisedApp app = new SupervisedApp(name, starter);
        try {
            app.watch(starter.get());
        } catch (RuntimeException e) {
            app.restarter.shutdownNow();
            throw e;
        }
        return app;
    }

    String name() {
        return name;
    }

    /** The app's latest process: while it is being restarted, the one that exited. */
    synchronized AppProcess process() {
        return current;
    }

    private synchronized void watch(AppProcess process) {
        current = process;
        process.onExit().thenAccept(status -> exited(process, status));
    }

    private synchronized void exited(AppProcess process, int status) {
        if (!stopping && process == current) {
            scheduleRestart(name + " exited with status " + status);
        }
    }

    private synchronized void scheduleRestart(String what) {
        Optional<Duration> wait = budget.next(Instant.now());
        if (wait.isEmpty()) {
            LOG.error("{}; it was restarted {} times within {} min, so it stays down. Log: {}", what,
                    RestartBudget.MAX_RESTARTS, RestartBudget.WINDOW.toMinutes(), current.log());
            return;
        }
        restarts++;
        LOG.warn("{}; restarting it in {} s (restart {}), log: {}", what, wait.get().toSeconds(), restarts,
                current.log());
        restarter.schedule(this::restart, wait.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        AppProcess process;
        try {
            process = starter.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!stopping) {
                    scheduleRestart(name + " could not start again: " + e.getMessage());
                }
            }
            return;
        }
        synchronized (this) {
            if (!stopping) {
                LOG.info("{} is up again (pid {})", name, process.pid());
                watch(process);
                return;
            }
        }
        process.close(); // the stack began to stop while this one started
    }

    /** From now on an exit is final; a restart under way stops what it started. */
    void stopRestarting() {
        synchronized (this) {
            stopping = true;
        }
        restarter.shutdownNow();
    }

    /** Stops restarting, then stops the app (it finishes what it is doing). */
    @Override
    public void close() {
        stopRestarting();
        process().close();
        try {
            restarter.awaitTermination(AppProcess.GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
