package org.sim2word.aggregator.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The verification ROC of a set of scored entries, built from its definition with the semantics of
 * scikit-learn's {@code roc_curve(y, score, pos_label=1)} with its default {@code drop_intermediate=True} and
 * {@code auc} (method §4.2), so that our AUC and TPR@FPR figures can be compared with the original scripts':
 * <ul>
 *   <li>One candidate point per distinct score, taken in descending order: accepting every entry scored at least
 *       that value. Tied scores therefore enter together and draw a diagonal segment.</li>
 *   <li>Intermediate points are dropped where both the false-positive and the true-positive counts have a zero
 *       second difference, i.e. the point lies midway on a straight run of equal steps. The first and last
 *       candidates always stay. This changes the nearest-point TPR@FPR lookup, never the area.</li>
 *   <li>The curve then starts at (0, 0), with threshold +∞ (accept nothing).</li>
 *   <li>AUC is the trapezoid area under the points.</li>
 * </ul>
 * Where scikit-learn would warn and return NaN (no mated or no non-mated entry), the curve is undefined: it has
 * no points, its AUC is null and {@link #undefinedReason()} says why.
 */
public final class RocCurve {
    private final List<RocPoint> points;
    private final String undefinedReason;

    private RocCurve(List<RocPoint> points, String undefinedReason) {
        this.points = List.copyOf(points);
        this.undefinedReason = undefinedReason;
    }

    /**
     * @param scores higher means "more likely the same person"; must be finite (scikit-learn rejects NaN too, so
     *               callers decide what a missing score means)
     * @param mated  true for a positive (mated) entry, in the order of {@code scores}
     */
    public static RocCurve of(double[] scores, boolean[] mated) {
        if (scores.length != mated.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + mated.length + " labels");
        }
        for (double score : scores) {
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("ROC scores must be finite, got " + score);
            }
        }
        int positives = 0;
        for (boolean m : mated) {
            positives += m ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return new RocCurve(List.of(), positives == 0 && negatives == 0 ? "there are no scored entries"
                    : positives == 0 ? "there are no mated entries" : "there are no non-mated entries");
        }
        List<int[]> counts = new ArrayList<>();       // {false positives, true positives} per candidate
        List<Double> thresholds = new ArrayList<>();
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int fp = 0;
        int tp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (mated[i]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfItsScore = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfItsScore) {
                counts.add(new int[] {fp, tp});
                thresholds.add(scores[i]);
            }
        }
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0.0, 0.0, Double.POSITIVE_INFINITY));
        for (int c = 0; c < counts.size(); c++) {
            if (c == 0 || c == counts.size() - 1 || bendsAt(counts, c)) {
                points.add(new RocPoint((double) counts.get(c)[0] / negatives, (double) counts.get(c)[1] / positives,
                        thresholds.get(c)));
            }
        }
        return new RocCurve(points, null);
    }

    private static boolean bendsAt(List<int[]> counts, int c) {
        int[] before = counts.get(c - 1);
        int[] here = counts.get(c);
        int[] after = counts.get(c + 1);
        return after[0] - 2 * here[0] + before[0] != 0 || after[1] - 2 * here[1] + before[1] != 0;
    }

    public boolean isDefined() {
        return undefinedReason == null;
    }

    /** From (0, 0) to (1, 1) with FPR and TPR non-decreasing; empty when undefined. */
    public List<RocPoint> points() {
        return points;
    }

    /** Null when the curve is undefined. */
    public String undefinedReason() {
        return undefinedReason;
    }

    /** The trapezoid area under the curve, or null when the curve is undefined. */
    public Double auc() {
        if (!isDefined()) {
            return null;
        }
        double area = 0.0;
        for (int i = 1; i < points.size(); i++) {
            RocPoint a = points.get(i - 1);
            RocPoint b = points.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2.0;
        }
        return area;
    }
}
