package org.sim2word.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sim2word.launcher.JohnsPairs.LabelledPair;

/**
 * The main job, as a user would run it against a running stack: explain one pair, then evaluate a labelled list of
 * real face pairs, and print the words, the AUCs and where the heatmaps are.
 */
public final class Demo {
    /** Words shown per direction; the result holds the full ranking. */
    private static final int TOP_WORDS = 5;

    private final GatewayClient gateway;
    private final AggregatorClient aggregator;
    private final PrintStream out;
    private final Duration timeout;

    public Demo(GatewayClient gateway, AggregatorClient aggregator, PrintStream out, Duration timeout) {
        this.gateway = gateway;
        this.aggregator = aggregator;
        this.out = out;
        this.timeout = timeout;
    }

    /** What the demo did, for tests to check. */
    public record Report(UUID pairJob, JsonNode pairJobView, UUID evaluation, List<Outcome> outcomes,
                         JsonNode summary) {
    }

    /** One evaluation pair and its final job. */
    public record Outcome(LabelledPair pair, UUID job, JsonNode view) {
        public String state() {
            return view.get("state").asText();
        }

        public double similarity() {
            return view.get("result").get("similarity").get("cosine").asDouble();
        }
    }

    public Report run(Path johns, int mated, int nonMated, Path heatmapFolder) {
        List<LabelledPair> pairs = JohnsPairs.of(johns, mated, nonMated);
        LabelledPair first = pairs.stream().filter(p -> p.label() == 0).findFirst().orElse(pairs.get(0));

        out.println();
        out.println("== 1. Explain one pair: " + first.describe());
        UUID job = gateway.submitPair(first.a(), first.b(), null);
        out.println("   POST /v1/jobs → 202, job " + job);
        JsonNode view = awaitJob(job);
        printJob(first, view, heatmapFolder);

        out.println();
        out.println("== 2. Evaluate " + pairs.size() + " labelled pairs (" + mated + " same person, " + nonMated
                + " different people)");
        Map<Path, String> ids = new LinkedHashMap<>();
        for (LabelledPair p : pairs) {
            ids.computeIfAbsent(p.a(), gateway::uploadImage);
            ids.computeIfAbsent(p.b(), gateway::uploadImage);
        }
        out.println("   POST /v1/images × " + ids.size());
        List<GatewayClient.Pair> request = pairs.stream()
                .map(p -> new GatewayClient.Pair(ids.get(p.a()), ids.get(p.b()), p.label())).toList();
        UUID evaluation = gateway.submitEvaluation("johns demo", null, request);
        out.println("   POST /v1/evaluations → 202, evaluation " + evaluation);
        JsonNode progress = awaitEvaluation(evaluation);
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonNode j : progress.get("jobs")) {
            UUID id = UUID.fromString(j.get("id").asText());
            outcomes.add(new Outcome(pairs.get(j.get("pairIndex").asInt()), id, gateway.job(id)));
        }
        outcomes.sort(java.util.Comparator.comparingInt(o -> pairs.indexOf(o.pair())));
        int shown = 0;
        for (Outcome o : outcomes) {
            if (shown < 3 && o.state().equals("succeeded")) {
                out.println();
                printJob(o.pair(), o.view(), null);
                shown++;
            }
        }

        out.println();
        out.println("== 3. Evaluation summary (aggregator)");
        JsonNode summary = awaitSummary(evaluation);
        printSummary(summary);
        return new Report(job, view, evaluation, List.copyOf(outcomes), summary);
    }

    private void printJob(LabelledPair pair, JsonNode view, Path heatmapFolder) {
        out.println("   " + pair.describe() + " — job " + view.get("id").asText() + " " + view.get("state").asText());
        if (!view.get("state").asText().equals("succeeded")) {
            out.println("   error: " + view.path("error").asText());
            return;
        }
        JsonNode result = view.get("result");
        double s0 = result.get("similarity").get("cosine").asDouble();
        out.printf(Locale.ROOT, "   similarity s0 = %.4f (angular %.4f)%n", s0,
                result.get("similarity").get("angular").asDouble());
        for (JsonNode d : result.get("directions")) {
            StringBuilder words = new StringBuilder();
            int shown = 0;
            for (JsonNode w : d.get("ranking")) {
                if (shown++ == TOP_WORDS) {
                    words.append(", … (").append(d.get("ranking").size() - TOP_WORDS).append(" more)");
                    break;
                }
                words.append(String.format(Locale.ROOT, "%s%s %.4f (%+.4f)%s", words.length() == 0 ? "" : ", ",
                        w.get("word").asText(), w.get("score").asDouble(), w.get("delta").asDouble(),
                        w.get("valid").asBoolean() ? " valid" : ""));
            }
            out.println("   " + d.get("probe").asText() + "→" + d.get("counter").asText() + " ("
                    + d.get("probeIdentities").get("classes").get(0).get("label").asText() + " vs "
                    + d.get("counterIdentities").get("classes").get(0).get("label").asText() + "): " + words);
            out.println("      most characteristic attribute: " + (d.get("mostCharacteristic").isNull()
                    ? "none (no erasure raised the similarity)" : d.get("mostCharacteristic").asText()));
        }
        if (heatmapFolder != null) {
            JsonNode map = result.get("directions").get(0).get("heatmaps").get(2);
            out.println("   heatmaps: " + result.get("directions").get(0).get("heatmaps").size() * 2
                    * result.get("directions").size() + " PNGs under " + heatmapFolder.resolve("jobs")
                    .resolve(view.get("id").asText()));
            out.println("   e.g. the counterfactual map overlay (presigned, 1 h): " + map.get("overlayUrl").asText());
        }
    }

    private void printSummary(JsonNode s) {
        out.printf(Locale.ROOT, "   pairs %d (%d same person, %d different), %d succeeded, %d failed%n",
                s.get("pairs").asInt(), s.get("mated").asInt(), s.get("nonMated").asInt(), s.get("succeeded").asInt(),
                s.get("failed").asInt());
        out.printf(Locale.ROOT, "   verification ROC AUC before erasure: %s%n", number(s.get("aucBefore")));
        out.printf(Locale.ROOT, "   after erasing the most characteristic attribute: %s%n", number(s.get("aucAfter")));
        if (isNumber(s.get("aucBefore")) && isNumber(s.get("aucAfter"))) {
            out.println("   " + aucChange(s.get("aucBefore").asDouble(), s.get("aucAfter").asDouble()));
        }
        for (JsonNode a : s.get("topAttributes")) {
            out.printf(Locale.ROOT, "   top %d: %s — most characteristic in %s, in the top 5 of %d, mean Δ %+.4f%n",
                    a.get("rank").asInt(), a.get("word").asText(), directions(a.get("mostCount").asInt()),
                    a.get("top5Count").asInt(), a.get("meanDelta").asDouble());
        }
    }

    /** What the AUC's change says; only a drop is what a faithful explanation predicts. */
    static String aucChange(double before, double after) {
        if (after < before) {
            return "(the AUC dropped, as a faithful explanation predicts: erasing what tells two people apart makes "
                    + "them alike)";
        }
        return after == before ? "(erasing did not change the AUC)" : "(erasing raised the AUC)";
    }

    static String directions(int count) {
        return count + (count == 1 ? " direction" : " directions");
    }

    private static boolean isNumber(JsonNode n) {
        return n != null && n.isNumber();
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() ? "undefined" : String.format(Locale.ROOT, "%.4f", n.asDouble());
    }

    private JsonNode awaitJob(UUID job) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode view = gateway.job(job);
            String state = view.get("state").asText();
            if (state.equals("succeeded") || state.equals("failed")) {
                return view;
            }
            check(deadline, "job " + job + " is still " + state);
            pause();
        }
    }

    private JsonNode awaitEvaluation(UUID evaluation) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (true) {
            JsonNode view = gateway.evaluation(evaluation);
            JsonNode p = view.get("progress");
            String line = String.format(Locale.ROOT, "   progress: %d queued, %d running, %d succeeded, %d failed",
                    p.get("queued").asInt(), p.get("running").asInt(), p.get("succeeded").asInt(),
                    p.get("failed").asInt());
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (p.get("queued").asInt() + p.get("running").asInt() == 0) {
                return view;
            }
            check(deadline, "evaluation " + evaluation + " is not finished");
            pause();
        }
    }

    private JsonNode awaitSummary(UUID evaluation) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<JsonNode> s = aggregator.summary(evaluation);
            if (s.isPresent() && s.get().path("complete").asBoolean()) {
                return s.get();
            }
            check(deadline, "the aggregator has no complete summary of evaluation " + evaluation);
            pause();
        }
    }

    private void check(Instant deadline, String what) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(what + " after " + timeout.toSeconds() + " s");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
