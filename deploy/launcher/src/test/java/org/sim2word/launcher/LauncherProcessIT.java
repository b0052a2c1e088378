package org.sim2word.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sim2word.stack.OwnSession;

/**
 * The launcher as a user runs it, {@code java -jar sim2word-launcher.jar up}, in a process of its own, stopped the
 * two ways a user stops it: Ctrl-C (SIGTERM runs the same hook) and kill -9.
 */
class LauncherProcessIT {
    private static final Path ROOT = Path.of(System.getProperty("sim2word.root")).toAbsolutePath();
    private static final Path HOME = Path.of(System.getProperty("sim2word.home")).toAbsolutePath();

    @TempDir
    Path home;
    private Process launcher;

    @BeforeEach
    void aHomeOfItsOwnWithTheInstalledModelsAndFaces() throws Exception {
        Files.createSymbolicLink(home.resolve("models"), HOME.resolve("models"));
        Files.createSymbolicLink(home.resolve("faces"), HOME.resolve("faces"));
    }

    @AfterEach
    void stopWhatIsLeft() {
        if (launcher != null) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void ctrl_c_during_a_job_lets_the_worker_finish_it_then_stops_in_order_and_leaves_nothing_running()
            throws Exception {
        List<ProcessHandle> processes = startLauncher();
        Path faces = HOME.resolve("faces/johns");
        GatewayClient gateway = new GatewayClient(URI.create(address("gateway")));
        UUID job = gateway.submitPair(faces.resolve("John_Salley").resolve(first(faces.resolve("John_Salley"))),
                faces.resolve("John_Savage").resolve(first(faces.resolve("John_Savage"))), "{}");
        awaitInWorkerLog("Job " + job + " started", Duration.ofMinutes(2));

        Instant asked = Instant.now();
        // What Ctrl-C does: SIGINT to the terminal's whole foreground process group, here the launcher's own
        assertEquals(0, new ProcessBuilder("kill", "-s", "INT", "--", "-" + launcher.pid()).inheritIO().start()
                .waitFor());
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher stopped");
        Duration took = Duration.between(asked, Instant.now());

        assertAllGone(processes, Duration.ofSeconds(5));
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "stopping took " + took + ":\n" + output());
        String output = output();
        assertTrue(output.indexOf("Stopping worker") < output.indexOf("Stopping Kafka, PostgreSQL and S3"),
                "the apps stop before the services:\n" + output);
        String worker = workerLog();
        // A pair takes seconds, the signal follows its start within a tenth of one: the stop came mid-job.
        assertTrue(worker.contains("Job " + job + " succeeded") && worker.contains("Worker stopped"),
                "the worker finished the job in hand, then stopped:\n" + worker);
    }

    @Test
    void the_apps_and_the_services_die_with_a_launcher_killed_by_sigkill() throws Exception {
        List<ProcessHandle> processes = startLauncher();

        launcher.destroyForcibly(); // kill -9: nothing in the launcher runs any more
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));

        assertAllGone(processes, Duration.ofSeconds(60));
    }

    /** Starts the launcher with free ports, waits until it is up, and returns every process it runs. */
    private List<ProcessHandle> startLauncher() throws Exception {
        // In a session of its own, as in a terminal: it leads its process group.
        ProcessBuilder builder = new ProcessBuilder(OwnSession.command(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dsim2word.root=" + ROOT,
                "-jar", ROOT.resolve("deploy/launcher/target/sim2word-launcher.jar").toString(), "up"))).redirectErrorStream(true).redirectOutput(home.resolve("launcher.out").toFile());
        builder.environment().put("SIM2WORD_HOME", home.toString());
        for (String port : List.of("gateway", "worker", "aggregator", "kafka", "kafka-controller", "postgres", "s3")) {
            builder.environment().put(LauncherSettings.portVariable(port), "0");
        }
        launcher = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
        while (!output().contains("Press Ctrl-C to stop everything.")) {
            assertTrue(launcher.isAlive(), "the launcher ended:\n" + output());
            assertTrue(Instant.now().isBefore(deadline), "the launcher did not come up:\n" + output());
            Thread.sleep(500);
        }
        List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
        assertTrue(processes.stream().filter(p -> p.info().commandLine().orElse("").contains("-jar")).count() >= 3,
                "gateway, worker and aggregator run: " + processes);
        postmaster().ifPresent(processes::add); // a daemon, not a descendant
        return processes;
    }

    private java.util.Optional<ProcessHandle> postmaster() throws Exception {
        Path pidFile = home.resolve("stack/postgres/postmaster.pid");
        return Files.exists(pidFile) ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                : java.util.Optional.empty();
    }

    private void assertAllGone(List<ProcessHandle> processes, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        for (ProcessHandle p : processes) {
            while (p.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(!p.isAlive(), "still running: " + p.pid() + " " + p.info().commandLine().orElse("?"));
        }
    }

    /** An address from the launcher's banner, e.g. {@code gateway     http://127.0.0.1:41234}. */
    private String address(String app) throws Exception {
        for (String line : output().split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(app + " ")) {
                return trimmed.split("\\s+")[1];
            }
        }
        throw new AssertionError("no " + app + " address in:\n" + output());
    }

    private void awaitInWorkerLog(String text, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!workerLog().contains(text)) {
            assertTrue(Instant.now().isBefore(deadline), "not in the worker's log: " + text + "\n" + workerLog());
            Thread.sleep(100);
        }
    }

    private String workerLog() throws Exception {
        Path log = home.resolve("logs/worker.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String first(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    private String output() throws Exception {
        return Files.readString(home.resolve("launcher.out"), StandardCharsets.UTF_8);
    }
}
