package org.sim2word.stack;

import java.nio.file.Path;
import java.time.Duration;

/** A service's process as its server object sees it: one this JVM started and stops, or one it only attaches to. */
interface Running extends AutoCloseable {
    long pid();

    boolean isAlive();

    Path log();

    Duration startedIn();

    @Override
    void close();

    /** A process started and owned elsewhere (by the shared stack of another class loader): closing does nothing. */
    static Running attached(long pid, Path log, Duration startedIn) {
        return new Running() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public boolean isAlive() {
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }

            @Override
            public Path log() {
                return log;
            }

            @Override
            public Duration startedIn() {
                return startedIn;
            }

            @Override
            public void close() {
                // its owner stops it
            }
        };
    }
}
