package org.sim2word.worker.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker's models in the registry while it runs: announces them at once and again every {@code every}
 * (the gateway stops listing models not renewed for a while, so a worker that dies drops out by itself), and
 * withdraws them when closed. The database may be down at start-up: the next round tries again, and the worker
 * starts regardless.
 */
public final class ModelAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelAnnouncer.class);

    private final ModelAnnouncements announcements;
    private final String worker;
    private final List<ModelAnnouncements.InstalledModel> models;
    private final ScheduledExecutorService rounds;
    private boolean announcedOnce;
    private boolean failing;

    private ModelAnnouncer(ModelAnnouncements announcements, String worker,
                           List<ModelAnnouncements.InstalledModel> models) {
        this.announcements = announcements;
        this.worker = worker;
        this.models = List.copyOf(models);
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-announcer");
            t.setDaemon(true);
            return t;
        });
    }

    public static ModelAnnouncer start(ModelAnnouncements announcements, String worker,
                                       List<ModelAnnouncements.InstalledModel> models, Duration every) {
        ModelAnnouncer announcer = new ModelAnnouncer(announcements, worker, models);
        announcer.rounds.scheduleWithFixedDelay(announcer::announce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return announcer;
    }

    private void announce() {
        try {
            announcements.announce(worker, models);
            if (!announcedOnce || failing) {
                LOG.info("Announced {} installed models", models.size());
            }
            announcedOnce = true;
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("Could not announce the installed models ({}); trying again each round", e.getMessage());
            }
            failing = true;
        }
    }

    /** Stops renewing and removes this worker's rows, so its models stop being listed at once. */
    @Override
    public void close() {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(10, TimeUnit.SECONDS);
            announcements.withdraw(worker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not withdraw the installed models ({}); the gateway drops them once they go stale",
                    e.getMessage());
        }
    }
}
