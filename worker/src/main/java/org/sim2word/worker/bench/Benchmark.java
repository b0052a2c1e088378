package org.sim2word.worker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.Timings;
import org.sim2word.worker.WorkerConfig;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.explain.ExplainedPair;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.MapImage;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.worker.explain.PairExplainer;
import org.sim2word.worker.image.ImageDecoder;
import org.sim2word.worker.model.LibtorchThreads;
import org.sim2word.worker.model.ModelRegistry;
import org.sim2word.worker.model.VerificationNet;

/**
 * The engine's speed on real pairs, with two ratios measured side by side in one run on the same machine and
 * models (docs/performance.md):
 * <ol>
 *   <li>against the floor: the verification forwards the method cannot avoid (both faces and every distinct
 *       erased face of every pair), batched;</li>
 *   <li>against the Python reference run the original way (batch 1, one forward and backward per Grad-CAM target,
 *       one forward per erased image).</li>
 * </ol>
 * {@code java -cp worker/target/sim2word-worker.jar org.sim2word.worker.bench.Benchmark [--pairs N] [--repeat R]
 * [--attributes hse-faceres,emotion] [--reference path/to/sim2word_reference.py] [--json out.json]}; the other
 * models, the gallery and the device come from the worker's settings. The attribute sources default to the Grad-CAM
 * models, which the reference implements too, so both measure the same work.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        int pairCount = Integer.parseInt(flags.getOrDefault("--pairs", "12"));
        int repeat = Integer.parseInt(flags.getOrDefault("--repeat", "2"));
        WorkerConfig config = WorkerConfig.fromEnvironment();
        LibtorchThreads.configure(config.getInt("sim2word.models.threads"));
        Map<String, Object> report = new LinkedHashMap<>();

        long setupStart = System.nanoTime();
        try (ModelRegistry registry = ModelRegistry.scan(config.getPath("sim2word.models.dir"),
                "gpu".equals(config.get("sim2word.models.device")) ? ai.djl.Device.gpu() : ai.djl.Device.cpu())) {
            int maxBatch = config.getInt("sim2word.models.max-batch");
            int enrolled = config.getInt("sim2word.gallery.per-identity");
            Path johns = config.getPath("sim2word.gallery.dir");
            ModelChoice choice = new ModelChoice(config.get("sim2word.models.identification"),
                    List.of(flags.getOrDefault("--attributes", "hse-faceres,emotion").split(",")).stream()
                            .map(String::trim).toList(),
                    config.get("sim2word.models.verification"));
            report.put("models", choice);
            PairExplainer explainer = new Explainers(registry, johns, enrolled, maxBatch, choice).forChoice(choice);
            VerificationNet verification = registry.verificationNet(choice.verification(), maxBatch);
            List<BenchPair> pairs = BenchPair.of(johns, enrolled, pairCount);
            List<FaceImage[]> faces = new ArrayList<>();
            for (BenchPair p : pairs) {
                faces.add(new FaceImage[] {decode(p.a()), decode(p.b())});
            }
            report.put("setupMs", millis(System.nanoTime() - setupStart));
            report.put("device", config.get("sim2word.models.device"));
            report.put("threads", config.getInt("sim2word.models.threads"));
            report.put("pairs", pairs.size());
            report.put("repeat", repeat);

            // Warm-up: libtorch's first calls of a scripted model are slow, and every batch shape is new once.
            for (int i = 0; i < Math.min(3, faces.size()); i++) {
                explain(explainer, faces.get(i));
            }

            long maps = 0;
            long rescoring = 0;
            long engineNanos = 0;
            List<List<FaceImage>> rescored = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                for (FaceImage[] pair : faces) {
                    long t = System.nanoTime();
                    ExplainedPair result = explain(explainer, pair);
                    engineNanos += System.nanoTime() - t;
                    Timings timings = result.result().timings();
                    maps += timings.maps();
                    rescoring += timings.rescoring();
                    if (r == 0) {
                        rescored.add(distinctImages(pair, result));
                    }
                }
            }
            int explained = pairs.size() * repeat;
            double enginePairsPerSecond = explained / (engineNanos / 1e9);

            // The floor: every image the verification net must see, in full batches, nothing else.
            List<FaceImage> all = rescored.stream().flatMap(List::stream).toList();
            verification.embed(all.subList(0, Math.min(all.size(), maxBatch)));
            long floorNanos = 0;
            for (int r = 0; r < repeat; r++) {
                long t = System.nanoTime();
                verification.embed(all);
                floorNanos += System.nanoTime() - t;
            }
            double engineMsPerPair = engineNanos / 1e6 / explained;
            double floorMsPerPair = floorNanos / 1e6 / explained;

            report.put("engine", Map.of("pairsPerSecond", enginePairsPerSecond, "msPerPair", engineMsPerPair,
                    "mapsMsPerPair", (double) maps / explained, "rescoringMsPerPair", (double) rescoring / explained));
            report.put("floor", Map.of("imagesPerPair", (double) all.size() / pairs.size(),
                    "msPerPair", floorMsPerPair));
            report.put("engineOverFloor", engineMsPerPair / floorMsPerPair);
            report.put("peakRssMb", peakRssMb());
            report.put("peakHeapMb", peakHeapMb());

            System.out.printf(Locale.ROOT, "%n%d real pairs × %d, device %s, libtorch threads %s, models %s%n",
                    pairs.size(), repeat, report.get("device"), report.get("threads"), choice);
            System.out.printf(Locale.ROOT, "engine     %7.2f pairs/s  %8.1f ms/pair  (maps %.1f ms, re-scoring %.1f"
                            + " ms)%n", enginePairsPerSecond, engineMsPerPair, (double) maps / explained,
                    (double) rescoring / explained);
            System.out.printf(Locale.ROOT, "floor      %7.2f pairs/s  %8.1f ms/pair  (%.1f verification images per "
                    + "pair, batched by %d)%n", 1000 / floorMsPerPair, floorMsPerPair, (double) all.size()
                    / pairs.size(), maxBatch);
            System.out.printf(Locale.ROOT, "engine / floor = %.2f×%n", engineMsPerPair / floorMsPerPair);
            System.out.printf(Locale.ROOT, "peak memory: RSS %.0f MB, Java heap %.0f MB%n", report.get("peakRssMb"),
                    report.get("peakHeapMb"));

            String script = flags.get("--reference");
            if (script != null) {
                Map<String, Object> reference = reference(Path.of(script), pairs, config, repeat, choice);
                double referencePairsPerSecond = ((Number) reference.get("pairsPerSecond")).doubleValue();
                report.put("reference", reference);
                report.put("engineOverReferenceSpeed", enginePairsPerSecond / referencePairsPerSecond);
                System.out.printf(Locale.ROOT, "reference  %7.2f pairs/s  (Python, the original way)%n",
                        referencePairsPerSecond);
                System.out.printf(Locale.ROOT, "engine speed / reference speed = %.1f×%n",
                        enginePairsPerSecond / referencePairsPerSecond);
            }
        }
        if (flags.containsKey("--json")) {
            Files.writeString(Path.of(flags.get("--json")), Json.write(report));
        }
    }

    private static ExplainedPair explain(PairExplainer explainer, FaceImage[] pair) {
        return explainer.explain(UUID.randomUUID(), pair[0], pair[1], ExplainOptions.defaults(), 0, stage -> { });
    }

    /** Both faces and every distinct erased face: what the verification net must embed for this pair. */
    private static List<FaceImage> distinctImages(FaceImage[] pair, ExplainedPair result) {
        List<FaceImage> images = new ArrayList<>(List.of(pair));
        for (String probe : List.of("a", "b")) {
            List<Heatmap> seen = new ArrayList<>();
            for (MapImage m : result.maps()) {
                boolean ofProbe = m.ref().rawKey().contains("/" + probe + "/");
                if (m.ref().kind() == HeatmapKind.MASK && ofProbe && m.map().max() > 0 && !seen.contains(m.map())) {
                    seen.add(m.map());
                    images.add(m.background());
                }
            }
        }
        return images;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference(Path script, List<BenchPair> pairs, WorkerConfig config,
                                                 int repeat, ModelChoice choice)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sim2word-bench");
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            jobs.add(Map.of("id", "pair-" + i, "a", pairs.get(i).a().toString(), "b", pairs.get(i).b().toString(),
                    "options", Map.of("identificationModel", choice.identification(), "attributeModels",
                            choice.attributes(), "verificationModel", choice.verification())));
        }
        Path jobFile = dir.resolve("jobs.json");
        Path out = dir.resolve("reference.json");
        Files.writeString(jobFile, Json.write(jobs));
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), "bench", "--jobs", jobFile.toString(),
                "--models", config.get("sim2word.models.dir"), "--gallery", config.get("sim2word.gallery.dir"),
                "--per-identity", config.get("sim2word.gallery.per-identity"), "--repeat", String.valueOf(repeat),
                "--warmup", "1", "--threads", config.get("sim2word.models.threads"), "--json", out.toString())
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Python reference exited with " + p.exitValue());
        }
        return Json.mapper().readValue(out.toFile(), Map.class);
    }

    private static FaceImage decode(Path p) throws IOException {
        return ImageDecoder.decode(Files.readAllBytes(p), p.toString());
    }

    private static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                flags.put(args[i], i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true");
            }
        }
        return flags;
    }
}
