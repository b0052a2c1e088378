package org.sim2word.worker.model;

/**
 * libtorch's thread pools, set once before the engine starts. One intra-op thread per job is the default: on CPUs
 * shared with other work, OpenMP threads that spin-wait for each other collapse (measured on 2 shared cores:
 * 180 ms per pair with one thread, 1270 ms with two; docs/performance.md). Dedicated nodes raise it.
 */
public final class LibtorchThreads {
    private LibtorchThreads() {
    }

    public static void configure(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("sim2word.models.threads must be at least 1, is " + intraOpThreads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(intraOpThreads));
        // Inter-op parallelism only serves TorchScript fork/wait, which these models do not use.
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
