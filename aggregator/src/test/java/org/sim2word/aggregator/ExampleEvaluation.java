package org.sim2word.aggregator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.aggregator.metrics.AttributeOutcome;
import org.sim2word.aggregator.metrics.DirectionOutcome;
import org.sim2word.aggregator.metrics.PairOutcome;
import org.sim2word.aggregator.metrics.TprAtFpr;

/**
 * A small evaluation with realistic cosines and figures worked out by hand, shared by the unit test of the
 * figures and the integration test that stores it as rows. Seven pairs: three mated, three non-mated that
 * succeeded, and one non-mated pair whose job failed.
 *
 * <p>AUCs depend only on the order of the scores (the angular map is increasing), so they are counted by hand as
 * the share of mated/non-mated entry comparisons the mated entry wins, ties counting one half:
 * <ul>
 *   <li>before: mated .71 .71 .58 .58 .34 .34 against non-mated .12 .12 .40 .40 .05 .05: 12 + 12 + 2·4 = 32 of
 *       36 → 8/9. Curve (0,0) (0,1/3) (0,2/3) (1/3,2/3) (1/3,1) (1,1); the point (2/3,1) is dropped.</li>
 *   <li>after: non-mated become .18 .36 .45 .40 .30 .05: 12 + 12 + 2·3 = 30 of 36 → 5/6. Curve (0,0) (0,1/3)
 *       (0,2/3) (1/2,2/3) (1/2,1) (1,1).</li>
 *   <li>live, before pair 5 has succeeded: non-mated .12 .12 .40 .40 only: 8 + 8 + 2·2 = 20 of 24 → 5/6.</li>
 * </ul>
 */
public final class ExampleEvaluation {

    /** One row of attribute_score, less the columns the aggregator does not read. */
    public record Attribute(String attribute, String word, boolean eligible, double score) {
    }

    /** A pair whose job succeeded; s0 is the same in both directions, as the cosine is symmetric. */
    public record Pair(int index, boolean mated, double s0, List<Attribute> probeA, List<Attribute> probeB) {
    }

    public static final List<Pair> SUCCEEDED = List.of(
            new Pair(0, true, 0.71,
                    List.of(eligible("Smiling", "Smiling", 0.80), eligible("Gender", "Male", 0.69)),
                    List.of(eligible("Gender", "Male", 0.70))),
            new Pair(1, true, 0.58, List.of(eligible("Age", "Young", 0.61)), List.of()),
            new Pair(2, true, 0.34, List.of(eligible("Mouth Closed", "Mouth Closed", 0.50)),
                    List.of(eligible("Bangs", "Bangs", 0.20))),
            new Pair(3, false, 0.12,
                    List.of(eligible("Gender", "Male", 0.18), notEligible("Smiling", 0.40),
                            eligible("Bald", "Bald", 0.15), eligible("Mouth Closed", "Mouth Closed", 0.10)),
                    List.of(eligible("Gender", "Female", 0.11), eligible("Mouth Closed", "Mouth Closed", 0.36),
                            eligible("Smiling", "Smiling", 0.14))),
            new Pair(4, false, 0.40,
                    List.of(eligible("Mouth Closed", "Mouth Closed", 0.45), eligible("Gender", "Male", 0.41)),
                    List.of(eligible("Gender", "Male", 0.39), eligible("Age", "Young", 0.38))),
            new Pair(5, false, 0.05,
                    List.of(eligible("Mouth Closed", "Mouth Closed", 0.30), eligible("Bangs", "Bangs", 0.28)),
                    List.of(notEligible("Bald", 0.50))));

    /** The pair whose job failed; it has no scores. */
    public static final int FAILED_PAIR = 6;
    /** The pair that is still running in the "live" part of the integration test. */
    public static final int LAST_PAIR = 5;
    public static final int PAIRS = 7;

    public static final double AUC_BEFORE = 8.0 / 9;
    public static final double AUC_AFTER = 5.0 / 6;
    public static final double LIVE_AUC_BEFORE = 5.0 / 6;

    /** TPR is 2/3 at the targets nearer FPR 0 than the curve's first step (1/3 before, 1/2 after), then 1. */
    public static final Map<String, Double> TPR_BEFORE = tprTable(0.1);
    public static final Map<String, Double> TPR_AFTER = tprTable(0.2);

    /**
     * Non-mated directions only. Mouth Closed ranks first and is valid in 3b, 4a and 5a, and is in the top five of
     * those and 3a: deltas −.02 +.24 +.05 +.25 → mean .13. Male is first and valid in 3a only (4b's first, Male
     * .39, is below s0 .40): deltas +.06 +.01 −.01 → .02. The rest appear once each and order by their delta.
     */
    public static final List<ExpectedWord> TOP_ATTRIBUTES = List.of(
            new ExpectedWord("Mouth Closed", "Mouth Closed", 3, 4, 0.13),
            new ExpectedWord("Gender", "Male", 1, 3, 0.02),
            new ExpectedWord("Bangs", "Bangs", 0, 1, 0.23),
            new ExpectedWord("Bald", "Bald", 0, 1, 0.03),
            new ExpectedWord("Smiling", "Smiling", 0, 1, 0.02),
            new ExpectedWord("Gender", "Female", 0, 1, -0.01),
            new ExpectedWord("Age", "Young", 0, 1, -0.02));

    /** A top attribute row as expected, rank being its position in {@link #TOP_ATTRIBUTES} plus one. */
    public record ExpectedWord(String attribute, String word, int mostCount, int top5Count, double meanDelta) {
    }

    private ExampleEvaluation() {
    }

    /** The succeeded pairs as the aggregator reads them, optionally without the last pair. */
    public static List<PairOutcome> outcomes(boolean withLastPair) {
        List<PairOutcome> outcomes = new ArrayList<>();
        for (Pair pair : SUCCEEDED) {
            if (withLastPair || pair.index() != LAST_PAIR) {
                outcomes.add(new PairOutcome(pair.mated(),
                        List.of(direction(pair.s0(), pair.probeA()), direction(pair.s0(), pair.probeB()))));
            }
        }
        return outcomes;
    }

    private static DirectionOutcome direction(double s0, List<Attribute> attributes) {
        return new DirectionOutcome(s0, attributes.stream()
                .map(a -> new AttributeOutcome(a.attribute(), a.word(), a.eligible(), a.score())).toList());
    }

    private static Map<String, Double> tprTable(double lastTargetAtTwoThirds) {
        Map<String, Double> table = new LinkedHashMap<>();
        for (double target : TprAtFpr.TARGETS) {
            table.put(TprAtFpr.key(target), target <= lastTargetAtTwoThirds ? 2.0 / 3 : 1.0);
        }
        return table;
    }

    private static Attribute eligible(String attribute, String word, double score) {
        return new Attribute(attribute, word, true, score);
    }

    private static Attribute notEligible(String attribute, double score) {
        return new Attribute(attribute, attribute, false, score);
    }
}
