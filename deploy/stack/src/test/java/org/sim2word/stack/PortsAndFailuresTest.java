package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsAndFailuresTest {
    @TempDir
    Path dir;

    @Test
    void a_second_broker_on_a_taken_port_fails_with_a_clear_message() {
        KafkaBroker running = LocalServices.shared().kafka();
        PortTakenException e = assertThrows(PortTakenException.class,
                () -> KafkaBroker.builder().optPort(running.port()).start());
        assertEquals("Kafka", e.service());
        assertEquals(running.port(), e.port());
        assertEquals("KafkaBroker.Builder.optPort(int)", e.setting());
        String m = e.getMessage();
        assertTrue(m.startsWith("Kafka cannot start: port " + running.port() + " on 127.0.0.1 is already in use"), m);
        assertTrue(m.contains("pid " + running.pid()), "names the process holding the port: " + m);
        assertTrue(m.contains("KafkaBroker.Builder.optPort(int) (0 picks a free port)"), m);
    }

    @Test
    void local_services_on_a_taken_port_name_the_service_the_port_and_the_setting_and_start_nothing() throws Exception {
        Set<Long> before = children();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            PortTakenException e = assertThrows(PortTakenException.class,
                    () -> LocalServices.builder().optDataDirectory(dir).optPostgresPort(port).start());
            assertEquals("PostgreSQL", e.service());
            assertEquals(port, e.port());
            assertEquals("LocalServices.Builder.optPostgresPort(int)", e.setting());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertEquals(before, children(), "no process was started");
        assertEquals(List.of(), List.of(dir.toFile().list()), "nothing was written");
    }

    @Test
    void a_taken_port_names_the_setting_the_caller_gave_for_it() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            PortTakenException e = assertThrows(PortTakenException.class, () -> LocalServices.builder()
                    .optDataDirectory(dir).optS3Port(taken.getLocalPort(), "SIM2WORD_PORT_S3").start());
            assertEquals("SIM2WORD_PORT_S3", e.setting());
            assertTrue(e.getMessage().contains("give S3 another port with SIM2WORD_PORT_S3 (0 picks a free port)"),
                    e.getMessage());
        }
    }

    @Test
    void a_broker_that_cannot_start_reports_the_last_lines_of_its_log() {
        ServiceStartException e = assertThrows(ServiceStartException.class, () -> KafkaBroker.builder()
                .optDirectory(dir).optJavaOptions(List.of("-Xmx1k")).start());
        assertEquals("Kafka", e.service());
        assertEquals(dir.resolve("logs/kafka.log").toAbsolutePath(), e.log());
        String m = e.getMessage();
        assertTrue(m.contains("its JVM exited with status 1"), m);
        assertTrue(m.contains("last lines of " + e.log()), m);
        assertTrue(m.contains("Too small maximum heap"), m);
    }

    @Test
    void a_second_stack_on_the_same_directory_is_refused() throws Exception {
        try (S3Server first = S3Server.builder().optDirectory(dir).start()) {
            ServiceStartException e = assertThrows(ServiceStartException.class,
                    () -> S3Server.builder().optDirectory(dir).start());
            assertTrue(e.getMessage().contains("is in use by another running stack (pid "
                    + ProcessHandle.current().pid() + ", this JVM)"), e.getMessage());
            assertTrue(first.isAlive());
            assertTrue(lockIsHeldForOtherProcesses(dir.resolve("run/s3proxy.lock")),
                    "the refusal must not have dropped the first one's lock");
        }
    }

    @Test
    void leftover_temporary_folders_are_swept_but_folders_in_use_are_kept(@TempDir Path tmp) throws Exception {
        Path leftover = Files.createDirectories(tmp.resolve(StackDirectory.TEMPORARY_PREFIX + "killed/run"))
                .getParent();
        Files.writeString(leftover.resolve("run/kafka.lock"), "12345");
        Path young = Files.createDirectories(tmp.resolve(StackDirectory.TEMPORARY_PREFIX + "starting"));
        Path other = Files.createDirectories(tmp.resolve("someone-else"));
        try (S3Server running = S3Server.builder().optDirectory(tmp.resolve(StackDirectory.TEMPORARY_PREFIX + "running"))
                .start()) {
            Path inUse = tmp.resolve(StackDirectory.TEMPORARY_PREFIX + "running");
            FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
            for (Path p : List.of(leftover, inUse, other)) {
                Files.setLastModifiedTime(p, old);
            }

            StackDirectory.sweepLeftovers(tmp, Duration.ofMinutes(10));

            assertFalse(Files.exists(leftover), "a folder nobody holds is deleted");
            assertTrue(Files.exists(young), "a young folder is kept: its stack may be starting");
            assertTrue(Files.exists(inUse), "a folder whose lock is held is kept");
            assertTrue(Files.exists(other), "only the stack's own prefix is swept");
            assertTrue(running.isAlive());
            assertTrue(lockIsHeldForOtherProcesses(inUse.resolve("run/s3proxy.lock")),
                    "looking at a folder this JVM holds must not drop its lock");
        }
    }

    /** Asks another process (flock(1) would not do: Java's locks are fcntl locks) whether the lock is free. */
    static boolean lockIsHeldForOtherProcesses(Path lockFile) throws Exception {
        String probe = "import java.nio.channels.*; import java.nio.file.*;"
                + "class P { public static void main(String[] a) throws Exception {"
                + " try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {"
                + " System.exit(c.tryLock() == null ? 3 : 0); } } }";
        Path source = Files.createTempFile("LockProbe", ".java");
        Files.writeString(source, probe);
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    source.toString(), lockFile.toString()).inheritIO().start();
            return p.waitFor() == 3;
        } finally {
            Files.deleteIfExists(source);
        }
    }

    static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
