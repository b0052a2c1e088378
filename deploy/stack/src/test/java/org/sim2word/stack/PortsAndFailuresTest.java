package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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
    void a_second_stack_on_the_same_directory_is_refused() {
        try (S3Server first = S3Server.builder().optDirectory(dir).start()) {
            ServiceStartException e = assertThrows(ServiceStartException.class,
                    () -> S3Server.builder().optDirectory(dir).start());
            assertTrue(e.getMessage().contains("is in use by another running stack (pid "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
            assertTrue(first.isAlive());
        }
    }

    static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
