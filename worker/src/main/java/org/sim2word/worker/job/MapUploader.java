package org.sim2word.worker.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.sim2word.worker.explain.MapImage;
import org.sim2word.worker.image.MapPng;
import org.sim2word.worker.storage.ObjectStore;

/** Renders a job's maps as PNGs and stores them, many at a time: a pair has dozens of maps. */
final class MapUploader {
    private static final String PNG = "image/png";
    private final ObjectStore store;
    private final ExecutorService pool;

    MapUploader(ObjectStore store, ExecutorService pool) {
        this.store = store;
        this.pool = pool;
    }

    void upload(List<MapImage> maps) {
        List<Future<?>> pending = new ArrayList<>(maps.size());
        for (MapImage m : maps) {
            pending.add(pool.submit(() -> {
                store.put(m.ref().rawKey(), MapPng.raw(m.map()), PNG);
                byte[] overlay = m.isMask() ? MapPng.face(m.background()) : MapPng.overlay(m.map(), m.background());
                store.put(m.ref().overlayKey(), overlay, PNG);
            }));
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing maps", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
