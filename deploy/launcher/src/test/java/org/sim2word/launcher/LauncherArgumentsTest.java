package org.sim2word.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherArgumentsTest {
    @Test
    void demo_takes_a_number_of_pairs_and_exit() {
        assertEquals(new LauncherArguments(true, 3, true, false),
                LauncherArguments.parse(List.of("demo", "--pairs", "3", "--exit")));
        assertEquals(new LauncherArguments(true, 10, false, false), LauncherArguments.parse(List.of("demo")));
        assertEquals(new LauncherArguments(false, 10, false, false), LauncherArguments.parse(List.of("up")));
    }

    @Test
    void help_is_asked_for_anywhere_on_the_line() {
        assertTrue(LauncherArguments.parse(List.of("--help")).help());
        assertTrue(LauncherArguments.parse(List.of("demo", "--pairs", "abc", "-h")).help());
    }

    @Test
    void a_wrong_number_of_pairs_is_refused_with_the_reason() {
        assertRefused("--pairs needs a whole number of 1 or more, not 'abc'", "demo", "--pairs", "abc");
        assertRefused("--pairs needs a whole number of 1 or more, not '0'", "demo", "--pairs", "0");
        assertRefused("--pairs needs a number", "demo", "--pairs");
    }

    @Test
    void unknown_commands_and_options_are_refused() {
        assertRefused("say up or demo");
        assertRefused("unknown command 'down': say up or demo", "down");
        assertRefused("unknown option '--pair'", "demo", "--pair", "3");
        assertRefused("up takes no options, not '--pairs'", "up", "--pairs", "3");
    }

    private static void assertRefused(String message, String... args) {
        LauncherArguments.UsageException e = assertThrows(LauncherArguments.UsageException.class,
                () -> LauncherArguments.parse(List.of(args)));
        assertEquals(message, e.getMessage());
    }
}
