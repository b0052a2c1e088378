package org.sim2word.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sim2word-worker.jar}: runs a worker until it is stopped (SIGTERM or Ctrl-C). Exits with status 70
 * when a job consumer dies of an Error (say, out of memory), so that its supervisor starts a fresh one.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Worker worker;
        try {
            worker = Worker.start(WorkerConfig.fromEnvironment());
        } catch (RuntimeException e) {
            LOG.error("The worker could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
        if (worker.awaitTermination() != null) {
            System.exit(70);
        }
    }
}
