package org.sim2word.aggregator.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts which attribute words explain the non-mated pairs of an evaluation (method §4.3 top-5 and the
 * "most attribute" histogram of §4.4). Mated pairs are left out, as in the original scripts: nothing is erased
 * for them in the evaluation protocol. Words are counted separately ("Gender"/"Male" and "Gender"/"Female").
 */
public final class TopAttributes {
    /** How many ranked words per direction count as its top five. */
    public static final int TOP = 5;

    private TopAttributes() {
    }

    /**
     * @return every word that was rankable in some non-mated direction, ordered by most count, then top-5 count,
     *         then mean Δ (all descending), then attribute and word, so that equal figures rank reproducibly
     */
    public static List<TopAttribute> of(List<PairOutcome> pairs) {
        Map<List<String>, Tally> tallies = new LinkedHashMap<>();
        for (PairOutcome pair : pairs) {
            if (pair.mated()) {
                continue;
            }
            for (DirectionOutcome direction : pair.directions()) {
                if (Double.isFinite(direction.s0())) {
                    count(direction, tallies);
                }
            }
        }
        List<Tally> ordered = new ArrayList<>(tallies.values());
        ordered.sort(Comparator.comparingInt((Tally t) -> t.most).reversed()
                .thenComparing(Comparator.comparingInt((Tally t) -> t.top5).reversed())
                .thenComparing(Comparator.comparingDouble(Tally::meanDelta).reversed())
                .thenComparing((Tally t) -> t.attribute)
                .thenComparing((Tally t) -> t.word));
        List<TopAttribute> ranked = new ArrayList<>(ordered.size());
        for (Tally t : ordered) {
            ranked.add(new TopAttribute(ranked.size() + 1, t.attribute, t.word, t.most, t.top5, t.meanDelta()));
        }
        return ranked;
    }

    private static void count(DirectionOutcome direction, Map<List<String>, Tally> tallies) {
        List<AttributeOutcome> ranking = direction.ranking();
        for (int position = 0; position < ranking.size(); position++) {
            AttributeOutcome attribute = ranking.get(position);
            Tally tally = tallies.computeIfAbsent(List.of(attribute.attribute(), attribute.word()),
                    key -> new Tally(attribute.attribute(), attribute.word()));
            tally.occurrences++;
            tally.deltaSum += attribute.score() - direction.s0();
            if (position < TOP) {
                tally.top5++;
            }
            if (position == 0 && attribute.score() > direction.s0()) {
                tally.most++;
            }
        }
    }

    private static final class Tally {
        final String attribute;
        final String word;
        int most;
        int top5;
        int occurrences;
        double deltaSum;

        Tally(String attribute, String word) {
            this.attribute = attribute;
            this.word = word;
        }

        double meanDelta() {
            return deltaSum / occurrences;
        }
    }
}
