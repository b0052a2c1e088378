package org.sim2word.aggregator;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for something the aggregator does asynchronously. */
final class Poll {
    private Poll() {
    }

    static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
