package org.sim2word.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

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
        return start(pid, signal, Duration.ZERO, name);
    }

    /**
     * Starts watching; once it has sent {@code signal}, it sends SIGKILL if the process still runs after
     * {@code killAfter} (whole seconds; zero: never), for a process whose orderly stop may hang on services that die
     * with this JVM too.
     */
    public static Watchdog start(long pid, String signal, Duration killAfter, String name) {
        String script = "read -r ignored; kill -s \"$2\" \"$1\" 2>/dev/null || exit 0; i=0; "
                + "while [ \"$i\" -lt \"$3\" ]; do kill -0 \"$1\" 2>/dev/null || exit 0; sleep 1; i=$((i+1)); done; "
                + "[ \"$3\" -eq 0 ] || kill -s KILL \"$1\" 2>/dev/null";
        try {
            // Its own session: Ctrl-C in the terminal must not end the watch.
            return new Watchdog(new ProcessBuilder(OwnSession.command(List.of("sh", "-c", script, name,
                    Long.toString(pid), signal, Long.toString(killAfter.toSeconds()))))
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
