package org.sim2word.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How long to wait before restarting an app that exited: 2 s, then twice as long each time up to 30 s. An app that
 * needed {@value #MAX_RESTARTS} restarts within {@link #WINDOW} is left down: restarting it again would only hide
 * that it cannot run. Restarts older than the window no longer count, so a rare crash always gets the short wait.
 */
final class RestartBudget {
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_RESTARTS = 5;

    private final Deque<Instant> recent = new ArrayDeque<>();

    /** The wait before one more restart at {@code now}, counting it; empty when the app restarted too often. */
    synchronized Optional<Duration> next(Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_RESTARTS) {
            return Optional.empty();
        }
        Duration wait = FIRST_WAIT.multipliedBy(1L << recent.size());
        recent.addLast(now);
        return Optional.of(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
    }
}
