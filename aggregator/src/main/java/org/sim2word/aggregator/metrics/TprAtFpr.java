package org.sim2word.aggregator.metrics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TPR at fixed FPRs as the original {@code AUC_most_attributes.py} prints it (method §4.2): for each target, the
 * ROC point whose FPR is nearest to it; among equally near points the one with the largest TPR. There is no
 * interpolation, so with few non-mated entries the small targets all land on the first points of the curve.
 */
public final class TprAtFpr {
    /** The FPRs the original table reports. */
    public static final List<Double> TARGETS =
            List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0);

    private TprAtFpr() {
    }

    /**
     * @return target FPR, written as a plain decimal ("0.000001", "0.1", "1"), to the TPR there, in the order of
     *         {@link #TARGETS}; every TPR is null when the curve is undefined
     */
    public static Map<String, Double> of(RocCurve curve) {
        Map<String, Double> table = new LinkedHashMap<>();
        for (double target : TARGETS) {
            table.put(key(target), at(curve, target));
        }
        return table;
    }

    /** The JSON key of a target FPR: plain decimal notation, so that "0.001" reads the same in SQL and JSON. */
    public static String key(double target) {
        return BigDecimal.valueOf(target).stripTrailingZeros().toPlainString();
    }

    /** The TPR of the point nearest to {@code target} (ties: the largest TPR); null when the curve is undefined. */
    public static Double at(RocCurve curve, double target) {
        if (!curve.isDefined()) {
            return null;
        }
        RocPoint best = curve.points().get(0);
        for (RocPoint p : curve.points()) {
            double distance = Math.abs(p.fpr() - target);
            double bestDistance = Math.abs(best.fpr() - target);
            if (distance < bestDistance || (distance == bestDistance && p.tpr() > best.tpr())) {
                best = p;
            }
        }
        return best.tpr();
    }
}
