package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void closing_leaves_no_child_process_alive_and_deletes_a_temporary_directory() {
        Set<Long> before = PortsAndFailuresTest.children();
        LocalServices services = LocalServices.builder().start();
        Path data = services.dataDirectory();
        List<Long> pids = List.of(services.kafka().pid(), services.s3().pid(), services.postgres().pid());
        Set<Long> started = new HashSet<>(PortsAndFailuresTest.children());
        started.removeAll(before);
        assertTrue(started.containsAll(List.of(services.kafka().pid(), services.s3().pid())), "children: " + started);
        assertTrue(pids.stream().allMatch(ProcessTestSupport::alive));

        services.close();

        for (long pid : pids) {
            assertFalse(ProcessTestSupport.alive(pid), "process " + pid + " is still alive");
        }
        for (long pid : started) {
            assertFalse(ProcessTestSupport.alive(pid), "child " + pid + " is still alive");
        }
        assertEquals(before, PortsAndFailuresTest.children());
        assertFalse(Files.exists(data), "the temporary directory is deleted");
        services.close(); // a second close does nothing
    }

    @Test
    void every_service_dies_with_a_jvm_killed_by_sigkill_and_the_directory_starts_again() throws Exception {
        Process jvm = startInAnotherJvm();
        List<Long> pids = readPids(jvm);
        assertEquals(3, pids.size());
        assertTrue(pids.stream().allMatch(ProcessTestSupport::alive));

        jvm.destroyForcibly(); // kill -9: no shutdown hook runs
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        for (long pid : pids) {
            assertTrue(ProcessTestSupport.awaitDeath(pid, Duration.ofSeconds(30)),
                    "process " + pid + " outlived its parent: " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()));
        }
        try (LocalServices again = LocalServices.builder().optDataDirectory(dir).start()) {
            assertEquals(0, again.migrationsApplied());
        }
    }

    @Test
    void an_owner_that_turns_the_hooks_off_finds_every_service_running_in_its_own_hook() throws Exception {
        Process jvm = startInAnotherJvm("own-hook");
        List<Long> pids = readPids(jvm);

        jvm.toHandle().destroy(); // SIGTERM, the hooks run; Process.destroy() would also close the pipe read here
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith(StackInAnotherJvm.ALIVE_IN_OWN_HOOK)) {
            line = out.readLine();
        }
        assertEquals(StackInAnotherJvm.ALIVE_IN_OWN_HOOK + " true", line, "no hook of a service stopped it first");
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS));
        for (long pid : pids) {
            assertTrue(ProcessTestSupport.awaitDeath(pid, Duration.ofSeconds(30)), "the owner's hook stopped " + pid);
        }
    }

    @Test
    void a_postgres_left_running_by_a_killed_jvm_is_stopped_when_its_folder_starts_again() throws Exception {
        Process jvm = startInAnotherJvm("postgres");
        long stray = readPids(jvm).get(0);
        for (ProcessHandle child : jvm.descendants().collect(Collectors.toList())) {
            child.destroyForcibly(); // the watchdog too: nothing will stop the server now
        }
        jvm.destroyForcibly();
        assertTrue(jvm.waitFor(30, TimeUnit.SECONDS));
        Thread.sleep(500);
        assertTrue(ProcessTestSupport.alive(stray), "the server should have outlived its JVM for this test");

        try (PostgresServer again = PostgresServer.builder().optDirectory(dir).start()) {
            assertFalse(ProcessTestSupport.alive(stray), "the leftover server was stopped");
            assertTrue(again.isAlive());
        }
    }

    private Process startInAnotherJvm(String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StackInAnotherJvm.class.getName(), dir.toString()));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the other JVM's output up to its PIDS line; its output pipe stays open, unread, after that. */
    private static List<Long> readPids(Process jvm) throws Exception {
        List<String> output = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            output.add(line);
            if (line.startsWith(StackInAnotherJvm.PIDS)) {
                List<Long> pids = new ArrayList<>();
                for (String pid : line.substring(StackInAnotherJvm.PIDS.length()).trim().split(" ")) {
                    pids.add(Long.parseLong(pid));
                }
                return pids;
            }
        }
        throw new AssertionError("the other JVM ended without starting: " + String.join("\n", output));
    }
}
