package org.sim2word.worker.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.BothMaskedScore;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.IdentitySet;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.result.RankedWord;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.explain.ExplainedPair;
import org.sim2word.worker.explain.MapImage;
import org.sim2word.worker.explain.PairExplainer;

/**
 * The project's main correctness evidence: the engine ({@link PairExplainer} on DJL/libtorch) and the independent
 * Python reference ({@code src/test/python/reference}, written from docs/algorithm.md alone, the slow original way)
 * explain the same real johns pairs with the same real models, and every number must agree.
 *
 * <p>Tolerances, and why:
 * <ul>
 *   <li>Scores (s0, s_i, selfScore, both-masked, deltas, identity logits and probabilities, attribute
 *       probabilities): 1e-4. Both sides run the same TorchScript graphs in float32, but on different libtorch builds
 *       (DJL's libtorch 2.5.1 against the reference's torch 1.13) whose kernels sum in different orders; that moves
 *       embeddings by ~1e-6 relative, and an erased image differs only where a mask pixel differs.</li>
 *   <li>Maps: 1e-4 absolute. Every map lies in [0, 1]. Grad-CAM is computed from float32 activations and gradients
 *       that differ at ~1e-6 between the builds, and min-max normalisation divides by the range of the raw map,
 *       which magnifies that by its reciprocal (a raw 7×7 CAM or counterfactual product with a range near 0.05
 *       turns 1e-6 into ~2e-5).</li>
 *   <li>Masks: a pixel may differ only where both joint maps lie within {@value #NEAR_TAU} of τ, at most
 *       {@value #MAX_FLIPS_PER_MASK} per mask; each one is reported. erasedFraction may then differ by that many
 *       pixels, and a score computed from a mask with a flipped pixel is still held to 1e-4.</li>
 *   <li>Words, eligibility, identity sets, flags and rankings are identical. A ranking may differ in order only
 *       between attributes whose scores are within {@value #TIE} of each other (a tie-break), and that is
 *       reported.</li>
 * </ul>
 */
class ReferenceAgreementTest {
    static final double SCORE_TOL = 1e-4;
    static final double MAP_TOL = 1e-4;
    static final double TIE = 1e-6;
    static final double NEAR_TAU = 1e-5;
    static final int MAX_FLIPS_PER_MASK = 3;

    record Face(String person, int index) {
    }

    record Case(String id, Face a, Face b, String options) {
    }

    // Photos with index >= 3 are unseen (the gallery holds the first 3 of each person).
    private static final Face SALLEY_5 = new Face("John_Salley", 5);
    private static final Face SALLEY_8 = new Face("John_Salley", 8);
    private static final Face SAVAGE_4 = new Face("John_Savage", 4);
    private static final Face SAVAGE_6 = new Face("John_Savage", 6);
    private static final Face SAVAGE_9 = new Face("John_Savage", 9);
    private static final Face SCHNEIDER_4 = new Face("John_Schneider", 4);
    private static final Face SHIMKUS_3 = new Face("John_Shimkus", 3); // the least certain face: p(top-1) ≈ 1 − 2e-6
    private static final Face SHIMKUS_7 = new Face("John_Shimkus", 7);
    private static final Face SIMM_3 = new Face("John_Simm", 3);

    static final List<Case> CASES = List.of(
            new Case("defaults-nonmated-1", SALLEY_5, SAVAGE_6, "{}"),
            new Case("defaults-nonmated-2", SCHNEIDER_4, SHIMKUS_7, "{}"),
            new Case("defaults-mated-1", SALLEY_5, SALLEY_8, "{}"),
            new Case("defaults-mated-2", SAVAGE_4, SAVAGE_9, "{}"),
            new Case("topk2-disjoint", SALLEY_5, SAVAGE_6, "{\"topK\":2}"),
            new Case("topk2-overlapping", SIMM_3, SAVAGE_9, "{\"topK\":2}"),
            new Case("threshold-0.4", SALLEY_5, SAVAGE_6, "{\"strategy\":\"threshold\",\"identityThreshold\":0.4}"),
            new Case("threshold-two-ids", SHIMKUS_3, SALLEY_5,
                    "{\"strategy\":\"threshold\",\"identityThreshold\":0.9999999,\"maxIdentities\":2}"),
            new Case("threshold-cap", SHIMKUS_3, SALLEY_5,
                    "{\"strategy\":\"threshold\",\"identityThreshold\":0.9999999,\"maxIdentities\":1}"),
            new Case("fill-white", SALLEY_5, SAVAGE_6, "{\"fill\":\"white\"}"),
            new Case("fill-mean", SALLEY_5, SAVAGE_6, "{\"fill\":\"mean\"}"),
            new Case("fill-random-seed7", SALLEY_5, SAVAGE_6, "{\"fill\":\"random\",\"seed\":7}"),
            new Case("joint-unnormalised", SALLEY_5, SAVAGE_6, "{\"normalizeJoint\":false}"),
            new Case("erase-0.5", SCHNEIDER_4, SHIMKUS_7, "{\"eraseThreshold\":0.5}"),
            new Case("erase-0.7", SCHNEIDER_4, SHIMKUS_7, "{\"eraseThreshold\":0.7}"),
            new Case("no-attribute", SALLEY_5, SAVAGE_6, "{\"variant\":\"no-attribute\"}"),
            new Case("no-counterfactual", SALLEY_5, SAVAGE_6, "{\"variant\":\"no-counterfactual\"}"),
            new Case("mated-no-fallback", SALLEY_5, SALLEY_8, "{\"sameIdentityFallback\":false}"),
            new Case("one-direction", SIMM_3, SAVAGE_9, "{\"bothDirections\":false}"));

    @Test
    void the_engine_agrees_with_the_independent_python_reference_on_real_pairs(@TempDir Path tmp) throws Exception {
        ObjectMapper mapper = Json.mapper();
        ArrayNode jobs = mapper.createArrayNode();
        for (Case c : CASES) {
            ObjectNode job = jobs.addObject();
            job.put("id", c.id());
            job.put("a", photo(c.a()).toString());
            job.put("b", photo(c.b()).toString());
            job.set("options", mapper.readTree(c.options()));
        }
        Path jobsFile = tmp.resolve("jobs.json");
        Files.writeString(jobsFile, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(jobs));
        Path out = tmp.resolve("reference");
        Path log = tmp.resolve("reference.log");

        // The engine first, then the reference once for every case in one process: one after the other, so that
        // neither slows the other down on a small machine and each side's time is its own.
        PairExplainer explainer = Johns.explainer();
        Map<String, ExplainedPair> engine = new LinkedHashMap<>();
        long engineStart = System.nanoTime();
        for (Case c : CASES) {
            engine.put(c.id(), explainer.explain(UUID.randomUUID(), Johns.face(c.a().person(), c.a().index()),
                    Johns.face(c.b().person(), c.b().index()), Json.read(c.options(), ExplainOptions.class), 0,
                    stage -> { }));
        }
        double engineSeconds = (System.nanoTime() - engineStart) / 1e9;

        long pythonStart = System.nanoTime();
        Process python = new ProcessBuilder(pythonCommand(jobsFile, out))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!python.waitFor(20, TimeUnit.MINUTES)) {
            python.destroyForcibly();
            fail("the Python reference did not finish in 20 minutes; its output:\n" + read(log));
        }
        double pythonSeconds = (System.nanoTime() - pythonStart) / 1e9;
        if (python.exitValue() != 0) {
            fail("the Python reference exited with " + python.exitValue() + "; its output:\n" + read(log));
        }

        List<Agreement> rows = new ArrayList<>();
        for (Case c : CASES) {
            Path dir = out.resolve(c.id());
            JsonNode ref = mapper.readTree(dir.resolve("result.json").toFile());
            Agreement row = new Agreement(c.id());
            compare(engine.get(c.id()), ref, dir, row);
            checkCoverage(c, ref, row);
            rows.add(row);
        }
        print(rows, engineSeconds, pythonSeconds);
        List<String> failures = rows.stream().flatMap(r -> r.failures.stream().map(f -> r.caseId + ": " + f)).toList();
        assertTrue(failures.isEmpty(), failures.size() + " disagreement(s) between the engine and the reference:\n"
                + String.join("\n", failures));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What one case measured. */
    static final class Agreement {
        final String caseId;
        double maxMapDelta;
        double maxScoreDelta;
        int maskPixelDiffs;
        int maps;
        final List<String> notes = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        Agreement(String caseId) {
            this.caseId = caseId;
        }

        void score(String what, double engine, double reference) {
            double d = Math.abs(engine - reference);
            if (!(d <= SCORE_TOL)) {
                failures.add(String.format(Locale.ROOT, "%s: engine %.9f, reference %.9f (|Δ| %.3g > %.0e)", what,
                        engine, reference, d, SCORE_TOL));
            }
            if (Double.isFinite(d)) {
                maxScoreDelta = Math.max(maxScoreDelta, d);
            }
        }

        void same(String what, Object engine, Object reference) {
            if (!Objects.equals(engine, reference)) {
                failures.add(what + ": engine " + engine + ", reference " + reference);
            }
        }
    }

    private static void compare(ExplainedPair pair, JsonNode ref, Path dir, Agreement row) throws IOException {
        PairExplanation r = pair.result();
        double s0 = ref.at("/similarity/cosine").asDouble();
        row.score("s0", r.similarity().cosine(), s0);
        row.score("s0 angular", r.similarity().angular(), ref.at("/similarity/angular").asDouble());

        JsonNode refDirections = ref.get("directions");
        row.same("directions", r.directions().size(), refDirections.size());
        Map<String, Integer> maskFlips = compareMaps(pair, ref, dir, row);
        for (int i = 0; i < Math.min(r.directions().size(), refDirections.size()); i++) {
            compareDirection(r.directions().get(i), refDirections.get(i), s0, maskFlips, row);
        }

        JsonNode refBoth = ref.get("bothMasked");
        row.same("bothMasked attributes", r.bothMasked().stream().map(BothMaskedScore::attribute).toList(),
                texts(refBoth, "attribute"));
        for (int i = 0; i < Math.min(r.bothMasked().size(), refBoth.size()); i++) {
            BothMaskedScore b = r.bothMasked().get(i);
            JsonNode rb = refBoth.get(i);
            row.score("bothMasked " + b.attribute(), b.score(), rb.get("score").asDouble());
            row.score("bothMasked " + b.attribute() + " angular", b.angular(), rb.get("angular").asDouble());
            row.same("bothMasked " + b.attribute() + " eligible", b.eligible(), rb.get("eligible").asBoolean());
        }
    }

    private static void compareDirection(DirectionExplanation d, JsonNode rd, double s0, Map<String, Integer> flips,
                                         Agreement row) {
        String p = d.probe() + "→" + d.counter() + " ";
        row.same(p + "probe", d.probe(), rd.get("probe").asText());
        row.same(p + "counter", d.counter(), rd.get("counter").asText());
        compareIdentities(p + "K_t", d.probeIdentities(), rd.get("probeIdentities"), row);
        compareIdentities(p + "K_f", d.counterIdentities(), rd.get("counterIdentities"), row);

        JsonNode f = rd.get("flags");
        row.same(p + "sameIdentity", d.flags().sameIdentity(), f.get("sameIdentity").asBoolean());
        row.same(p + "counterfactualDegenerate", d.flags().counterfactualDegenerate(),
                f.get("counterfactualDegenerate").asBoolean());
        row.same(p + "fallbackToIdMap", d.flags().fallbackToIdMap(), f.get("fallbackToIdMap").asBoolean());
        row.same(p + "emptyMasks", d.flags().emptyMasks(), texts(f.get("emptyMasks"), ""));

        JsonNode ra = rd.get("attributes");
        row.same(p + "attributes", d.attributes().stream().map(AttributeScore::attribute).toList(),
                texts(ra, "attribute"));
        Map<String, Double> refScores = new HashMap<>();
        for (int i = 0; i < Math.min(d.attributes().size(), ra.size()); i++) {
            AttributeScore a = d.attributes().get(i);
            JsonNode x = ra.get(i);
            String q = p + a.attribute() + " ";
            refScores.put(a.attribute(), x.get("score").asDouble());
            row.same(q + "word", a.word(), x.get("word").asText());
            row.same(q + "eligible", a.eligible(), x.get("eligible").asBoolean());
            // The reference leaves out what the spec does not define (the no-attribute pseudo-attribute's class).
            if (!x.get("classIndex").isNull()) {
                row.same(q + "classIndex", a.classIndex(), x.get("classIndex").asInt());
            }
            if (!x.get("probability").isNull()) {
                row.score(q + "probability", a.probability(), x.get("probability").asDouble());
            }
            row.score(q + "score", a.score(), x.get("score").asDouble());
            row.score(q + "selfScore", a.selfScore(), x.get("selfScore").asDouble());
            int flipped = flips.getOrDefault(d.probe() + "/mask-" + slug(a.attribute()), 0);
            double fractionDelta = Math.abs(a.erasedFraction() - x.get("erasedFraction").asDouble());
            double pixels = 150.0 * 150.0;
            if (fractionDelta > (flipped + 0.5) / pixels) {
                row.failures.add(String.format(Locale.ROOT, "%serasedFraction: engine %.6f, reference %.6f", q,
                        a.erasedFraction(), x.get("erasedFraction").asDouble()));
            }
        }

        compareRanking(p, d.ranking(), rd.get("ranking"), s0, refScores, row);
        String refMost = rd.get("mostCharacteristic").isNull() ? null : rd.get("mostCharacteristic").asText();
        if (!Objects.equals(d.mostCharacteristic(), refMost) && !row.notes.stream().anyMatch(n -> n.startsWith(p))) {
            row.same(p + "mostCharacteristic", d.mostCharacteristic(), refMost);
        }
    }

    private static void compareIdentities(String what, IdentitySet set, JsonNode ref, Agreement row) {
        JsonNode classes = ref.get("classes");
        row.same(what + " classes", set.classes().stream().map(IdentityMatch::index).toList(),
                ints(classes, "index"));
        row.same(what + " labels", set.classes().stream().map(IdentityMatch::label).toList(),
                texts(classes, "label"));
        row.same(what + " capHit", set.capHit(), ref.get("capHit").asBoolean());
        for (int i = 0; i < Math.min(set.classes().size(), classes.size()); i++) {
            IdentityMatch m = set.classes().get(i);
            row.score(what + " logit " + m.label(), m.logit(), classes.get(i).get("logit").asDouble());
            row.score(what + " probability " + m.label(), m.probability(),
                    classes.get(i).get("probability").asDouble());
        }
    }

    /** Identical, except that attributes whose scores lie within {@link #TIE} may swap places (reported). */
    private static void compareRanking(String p, List<RankedWord> ranking, JsonNode ref, double s0,
                                       Map<String, Double> refScores, Agreement row) {
        List<String> engineOrder = ranking.stream().map(RankedWord::attribute).toList();
        List<String> refOrder = texts(ref, "attribute");
        if (!new TreeSet<>(engineOrder).equals(new TreeSet<>(refOrder)) || engineOrder.size() != refOrder.size()) {
            row.same(p + "ranking", engineOrder, refOrder);
            return;
        }
        if (!engineOrder.equals(refOrder)) {
            boolean onlyTies = true;
            for (int i = 0; i < engineOrder.size(); i++) {
                for (int j = i + 1; j < engineOrder.size(); j++) {
                    String x = engineOrder.get(i);
                    String y = engineOrder.get(j);
                    if (refOrder.indexOf(x) > refOrder.indexOf(y)
                            && Math.abs(refScores.get(x) - refScores.get(y)) > TIE) {
                        onlyTies = false;
                    }
                }
            }
            if (onlyTies) {
                row.notes.add(p + "tie-break in ranking: engine " + engineOrder + ", reference " + refOrder);
            } else {
                row.same(p + "ranking", engineOrder, refOrder);
                return;
            }
        }
        for (int i = 0; i < ranking.size(); i++) {
            RankedWord w = ranking.get(i);
            JsonNode x = ref.get(refOrder.indexOf(w.attribute()));
            String q = p + "rank " + w.rank() + " " + w.attribute() + " ";
            row.same(q + "rank", w.rank(), i + 1);
            row.same(q + "word", w.word(), x.get("word").asText());
            row.score(q + "score", w.score(), x.get("score").asDouble());
            row.score(q + "delta", w.delta(), x.get("delta").asDouble());
            row.score(q + "angular", w.angular(), x.get("angular").asDouble());
            if (w.valid() != x.get("valid").asBoolean()) {
                if (Math.abs(x.get("score").asDouble() - s0) <= TIE) {
                    row.notes.add(q + "valid differs with s_i within " + TIE + " of s0");
                } else {
                    row.same(q + "valid", w.valid(), x.get("valid").asBoolean());
                }
            }
        }
    }

    /**
     * Every map of the engine against the reference's .npy of the same name. Returns, per mask, the number of pixels
     * that differ (each explained by joint values within {@link #NEAR_TAU} of τ, or a failure).
     */
    private static Map<String, Integer> compareMaps(ExplainedPair pair, JsonNode ref, Path dir, Agreement row)
            throws IOException {
        Map<String, MapImage> engineMaps = new LinkedHashMap<>();
        for (MapImage m : pair.maps()) {
            String probe = m.ref().rawKey().split("/")[2];
            String name = m.ref().kind().wireName() + (m.ref().attribute() == null ? "" : "-" + slug(m.ref().attribute()));
            engineMaps.put(probe + "/" + name, m);
        }
        List<String> refMaps = new ArrayList<>();
        for (JsonNode d : ref.get("directions")) {
            for (JsonNode h : d.get("heatmaps")) {
                refMaps.add(h.get("file").asText().replaceAll("\\.npy$", ""));
            }
        }
        row.same("map names", new TreeSet<>(engineMaps.keySet()), new TreeSet<>(refMaps));
        float tau = (float) ref.at("/options/eraseThreshold").asDouble();
        Map<String, Integer> flips = new HashMap<>();
        for (String key : refMaps) {
            MapImage m = engineMaps.get(key);
            if (m == null) {
                continue;
            }
            Npy.Map2d r = Npy.read(dir.resolve(key + ".npy"));
            float[] e = m.map().toArray();
            if (r.width() != m.map().width() || r.height() != m.map().height()) {
                row.failures.add(key + ": engine " + m.map().width() + "×" + m.map().height() + ", reference "
                        + r.width() + "×" + r.height());
                continue;
            }
            row.maps++;
            if (m.ref().kind() == HeatmapKind.MASK) {
                String joint = key.replace("/mask-", "/joint-");
                float[] engineJoint = engineMaps.get(joint).map().toArray();
                float[] refJoint = Npy.read(dir.resolve(joint + ".npy")).values();
                int differing = 0;
                for (int i = 0; i < e.length; i++) {
                    if ((e[i] > 0.5f) != (r.values()[i] > 0.5f)) {
                        differing++;
                        double near = Math.max(Math.abs(engineJoint[i] - tau), Math.abs(refJoint[i] - tau));
                        String where = String.format(Locale.ROOT, "%s pixel (%d,%d): engine %s (J=%.8f), reference"
                                        + " %s (J=%.8f), τ=%s", key, i % r.width(), i / r.width(),
                                e[i] > 0.5f ? "erased" : "kept", engineJoint[i],
                                r.values()[i] > 0.5f ? "erased" : "kept", refJoint[i], tau);
                        if (near <= NEAR_TAU) {
                            row.notes.add(where);
                        } else {
                            row.failures.add(where);
                        }
                    }
                }
                if (differing > MAX_FLIPS_PER_MASK) {
                    row.failures.add(key + ": " + differing + " pixels differ (at most " + MAX_FLIPS_PER_MASK
                            + " near τ allowed)");
                }
                row.maskPixelDiffs += differing;
                flips.put(key, differing);
            } else {
                double max = 0;
                for (int i = 0; i < e.length; i++) {
                    max = Math.max(max, Math.abs(e[i] - r.values()[i]));
                    if (Float.isNaN(e[i]) != Float.isNaN(r.values()[i])) {
                        max = Double.POSITIVE_INFINITY;
                    }
                }
                row.maxMapDelta = Math.max(row.maxMapDelta, max);
                if (!(max <= MAP_TOL)) {
                    row.failures.add(String.format(Locale.ROOT, "%s: max |Δ| %.3g > %.0e", key, max, MAP_TOL));
                }
            }
        }
        return flips;
    }

    /** Each case must exercise what its name says (checked on the reference, which the engine must then match). */
    private static void checkCoverage(Case c, JsonNode ref, Agreement row) {
        JsonNode ab = ref.at("/directions/0");
        String id = c.id();
        if (id.equals("threshold-cap")) {
            row.same("coverage: K_t capHit", true, ab.at("/probeIdentities/capHit").asBoolean());
        }
        if (List.of("threshold-two-ids", "topk2-disjoint", "topk2-overlapping").contains(id)) {
            row.same("coverage: |K_t|", 2, ab.at("/probeIdentities/classes").size());
        }
        if (List.of("topk2-overlapping", "defaults-mated-1", "defaults-mated-2").contains(id)) {
            row.same("coverage: fallbackToIdMap", true, ab.at("/flags/fallbackToIdMap").asBoolean());
        }
        if (id.equals("mated-no-fallback")) {
            row.same("coverage: sameIdentity", true, ab.at("/flags/sameIdentity").asBoolean());
            row.same("coverage: counterfactual map used", false, ab.at("/flags/fallbackToIdMap").asBoolean());
        }
        if (id.equals("defaults-nonmated-1")) {
            row.same("coverage: something erased", true, ab.at("/flags/emptyMasks").isEmpty());
        }
    }

    private static void print(List<Agreement> rows, double engineSeconds, double pythonSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nEngine vs Python reference on %d real johns cases (engine %.1f s with its models "
                + "loaded, reference process %.1f s including its model loading and gallery)%n", rows.size(), engineSeconds, pythonSeconds));
        sb.append(String.format(Locale.ROOT, "%-22s %5s %14s %16s %10s  %s%n", "case", "maps", "max map |Δ|",
                "max score |Δ|", "mask px Δ", "result"));
        for (Agreement r : rows) {
            sb.append(String.format(Locale.ROOT, "%-22s %5d %14.3e %16.3e %10d  %s%n", r.caseId, r.maps,
                    r.maxMapDelta, r.maxScoreDelta, r.maskPixelDiffs,
                    r.failures.isEmpty() ? "agree" : r.failures.size() + " FAIL"));
            for (String n : r.notes) {
                sb.append("    note: ").append(n).append('\n');
            }
        }
        System.out.print(sb);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<String> pythonCommand(Path jobs, Path out) {
        Path script = Path.of(System.getProperty("basedir", "."))
                .resolve("src/test/python/reference/sim2word_reference.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "the reference is missing: " + script);
        return List.of(System.getProperty("sim2word.python", "/usr/bin/python3"), script.toString(), "explain",
                "--jobs", jobs.toString(), "--models", TestHome.path().resolve("models").toString(),
                "--gallery", TestHome.johns().toString(), "--per-identity", String.valueOf(Johns.ENROLLED),
                "--out", out.toString(), "--threads", System.getProperty("sim2word.reference.threads", "2"));
    }

    private static Path photo(Face f) {
        return Johns.photo(f.person(), f.index()).toAbsolutePath();
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(field.isEmpty() ? n.asText() : n.get(field).asText());
        }
        return out;
    }

    private static List<Integer> ints(JsonNode array, String field) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.get(field).asInt());
        }
        return out;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }

    @Test
    void slugs_collapse_non_alphanumerics() {
        assertEquals("counterfactual-region", slug("Counterfactual region"));
        assertEquals("5-o-clock-shadow", slug(" 5 o'Clock  Shadow! "));
    }
}
