package org.sim2word.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void a_queued_job_can_start_or_fail_but_not_succeed_without_running() {
        assertTrue(JobState.QUEUED.canMoveTo(JobState.RUNNING));
        assertTrue(JobState.QUEUED.canMoveTo(JobState.FAILED));
        assertFalse(JobState.QUEUED.canMoveTo(JobState.SUCCEEDED));
    }

    @Test
    void a_running_job_may_be_redelivered_after_a_crash() {
        assertTrue(JobState.RUNNING.canMoveTo(JobState.RUNNING));
    }

    @Test
    void a_succeeded_job_never_changes_again() {
        assertTrue(JobState.SUCCEEDED.next().isEmpty());
        IllegalJobTransitionException e = assertThrows(IllegalJobTransitionException.class,
                () -> JobState.SUCCEEDED.moveTo(JobState.FAILED));
        assertEquals("a job cannot move from succeeded to failed", e.getMessage());
    }

    @Test
    void only_a_failed_job_can_be_queued_again() {
        assertEquals(EnumSet.of(JobState.FAILED), JobState.sourcesOf(JobState.QUEUED));
    }

    @Test
    void terminal_states_are_exactly_succeeded_and_failed() {
        assertEquals(EnumSet.of(JobState.SUCCEEDED, JobState.FAILED),
                EnumSet.copyOf(java.util.Arrays.stream(JobState.values()).filter(JobState::isTerminal).toList()));
    }

    @Test
    void wire_names_are_lower_case_and_read_back() {
        for (JobState s : JobState.values()) {
            assertEquals(s, JobState.fromWireName(s.wireName()));
            assertEquals(s.name().toLowerCase(), s.wireName());
        }
    }
}
