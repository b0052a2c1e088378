package org.sim2word.worker.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sim2word.worker.engine.FaceImage;

/**
 * Gathers the embedding requests of the jobs in flight into shared batches: one thread takes requests off a queue,
 * waits up to a short window for more until a batch is full, embeds the batch in one forward and hands each job its
 * rows. On a GPU a batch of 64 costs little more than a batch of 8; on a CPU with one thread per job it only
 * serialises the jobs, which is why the window is off by default (docs/performance.md).
 */
final class BatchingEmbedder implements AutoCloseable {
    private record Request(List<FaceImage> faces, CompletableFuture<float[][]> result) {
    }

    private final VerificationNet.Forward forward;
    private final int maxBatch;
    private final long windowNanos;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private volatile boolean open = true;

    BatchingEmbedder(VerificationNet.Forward forward, int maxBatch, Duration window) {
        this.forward = forward;
        this.maxBatch = maxBatch;
        this.windowNanos = window.toNanos();
        this.dispatcher = new Thread(this::dispatch, "verification-batches");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    float[][] embed(List<FaceImage> faces) {
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        queue.add(new Request(faces, result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for embeddings", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void dispatch() {
        while (open) {
            List<Request> taken = new ArrayList<>();
            try {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                int images = first.faces().size();
                long deadline = System.nanoTime() + windowNanos;
                while (images < maxBatch) {
                    Request next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    taken.add(next);
                    images += next.faces().size();
                }
                run(taken);
            } catch (InterruptedException e) {
                taken.forEach(r -> r.result().completeExceptionally(e));
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<Request> requests) {
        List<FaceImage> all = new ArrayList<>();
        requests.forEach(r -> all.addAll(r.faces()));
        try {
            float[][] embeddings = forward.embed(all);
            int at = 0;
            for (Request r : requests) {
                float[][] mine = new float[r.faces().size()][];
                System.arraycopy(embeddings, at, mine, 0, mine.length);
                at += mine.length;
                r.result().complete(mine);
            }
        } catch (RuntimeException e) {
            requests.forEach(r -> r.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        open = false;
        dispatcher.interrupt();
    }
}
