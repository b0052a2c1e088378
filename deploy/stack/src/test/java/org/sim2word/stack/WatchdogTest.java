package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    @Test
    void the_watched_process_gets_the_signal_when_the_watching_jvm_is_killed() throws Exception {
        Process watched = new ProcessBuilder("sleep", "600").start();
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WatchInAnotherJvm.class.getName(),
                Long.toString(watched.pid())).redirectErrorStream(true).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertEquals(WatchInAnotherJvm.WATCHING, ready);

            jvm.destroyForcibly(); // kill -9: nothing in that JVM runs any more
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
            assertTrue(watched.waitFor(10, TimeUnit.SECONDS), "the watched process outlived its watcher");
            assertEquals(128 + 15, watched.exitValue(), "ended by SIGTERM");
        } finally {
            watched.destroyForcibly();
            jvm.destroyForcibly();
        }
    }

    @Test
    void a_process_that_ignores_the_signal_is_killed_after_the_grace() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 1; done").start();
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WatchInAnotherJvm.class.getName(),
                Long.toString(stubborn.pid()), "2").redirectErrorStream(true).start();
        try {
            assertEquals(WatchInAnotherJvm.WATCHING, new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
            jvm.destroyForcibly();
            assertTrue(stubborn.waitFor(10, TimeUnit.SECONDS), "killed after the grace");
            assertEquals(128 + 9, stubborn.exitValue(), "ended by SIGKILL");
        } finally {
            stubborn.destroyForcibly();
            jvm.destroyForcibly();
        }
    }

    @Test
    void a_closed_watchdog_ends_and_leaves_the_process_alone() throws Exception {
        Process watched = new ProcessBuilder("sleep", "600").start();
        try {
            Watchdog watchdog = Watchdog.start(watched.pid(), "TERM", "test-watchdog");
            watchdog.close();
            assertTrue(ProcessTestSupport.awaitDeath(watchdog.pid(), Duration.ofSeconds(10)));
            assertTrue(watched.isAlive());
        } finally {
            watched.destroyForcibly();
        }
    }

    /** Watches the process whose pid is args[0] (SIGKILL after args[1] s), says so, and waits to be killed. */
    public static final class WatchInAnotherJvm {
        static final String WATCHING = "WATCHING";
        /** Kept reachable, as its owner would. */
        static Watchdog watchdog;

        public static void main(String[] args) throws InterruptedException {
            Duration killAfter = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 0);
            watchdog = Watchdog.start(Long.parseLong(args[0]), "TERM", killAfter, "test-watchdog");
            System.out.println(WATCHING);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
