package org.sim2word.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartBudgetTest {
    private final RestartBudget budget = new RestartBudget();
    private final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void the_wait_starts_at_two_seconds_and_doubles_up_to_thirty() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), budget.next(t0));
        assertEquals(Optional.of(Duration.ofSeconds(4)), budget.next(t0.plusSeconds(10)));
        assertEquals(Optional.of(Duration.ofSeconds(8)), budget.next(t0.plusSeconds(20)));
        assertEquals(Optional.of(Duration.ofSeconds(16)), budget.next(t0.plusSeconds(40)));
        assertEquals(Optional.of(Duration.ofSeconds(30)), budget.next(t0.plusSeconds(80)));
    }

    @Test
    void an_app_restarted_five_times_within_five_minutes_stays_down() {
        for (int i = 0; i < 5; i++) {
            assertTrue(budget.next(t0.plusSeconds(i * 50L)).isPresent());
        }
        assertEquals(Optional.empty(), budget.next(t0.plusSeconds(290)));
    }

    @Test
    void restarts_older_than_five_minutes_no_longer_count() {
        for (int i = 0; i < 5; i++) {
            budget.next(t0.plusSeconds(i));
        }
        assertEquals(Optional.of(Duration.ofSeconds(2)), budget.next(t0.plus(Duration.ofMinutes(6))));
    }
}
