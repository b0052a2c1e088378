package org.sim2word.stack;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Signals a process when this JVM dies, however it dies, kill -9 included: a small {@code sh} blocked reading its
 * stdin, whose write end only this JVM holds. When this JVM goes, the read sees end-of-file and {@code sh} sends the
 * signal. For processes that would otherwise outlive this JVM: a daemon, or a child that does not watch its stdin.
 *
 * <p>Close it as soon as the watched process has ended, so that it can never signal a process id the system has
 * handed out again.
 */
public final class Watchdog implements AutoCloseable {
    private final Process sh;

    private Watchdog(Process sh) {
        this.sh = sh;
    }

    /**
     * Starts watching.
     *
     * @param pid    the process to signal
     * @param signal the signal's name for {@code kill -s}: {@code TERM}, {@code INT}, ...
     * @param name   how the watchdog shows in {@code ps}
     */
    public static Watchdog start(long pid, String signal, String name) {
        try {
            return new Watchdog(new ProcessBuilder("sh", "-c", "read -r ignored; kill -s \"$2\" \"$1\" 2>/dev/null",
                    name, Long.toString(pid), signal)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start sh to watch process " + pid, e);
        }
    }

    /** The {@code sh} process. */
    public long pid() {
        return sh.pid();
    }

    /** Stops watching: the process is no longer signalled when this JVM dies. Idempotent. */
    @Override
    public void close() {
        sh.destroy();
    }
}
