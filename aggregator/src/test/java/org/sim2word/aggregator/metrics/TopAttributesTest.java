package org.sim2word.aggregator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sim2word.aggregator.metrics.VerificationScoresTest.direction;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopAttributesTest {
    private static final double EPS = 1e-12;

    @Test
    void onlyTheFirstFiveCountAsTopFiveAndOnlyAValidFirstAsMost() {
        PairOutcome pair = new PairOutcome(false, List.of(direction(0.10,
                attribute("A", 0.16), attribute("B", 0.15), attribute("C", 0.14), attribute("D", 0.13),
                attribute("E", 0.12), attribute("F", 0.11)),
                direction(0.10, attribute("F", 0.09), attribute("A", 0.08))));

        List<TopAttribute> top = TopAttributes.of(List.of(pair));

        assertEquals(List.of("A", "B", "C", "D", "E", "F"), top.stream().map(TopAttribute::attribute).toList());
        TopAttribute a = top.get(0);
        assertEquals(new TopAttribute(1, "A", "A", 1, 2, a.meanDelta()), a);
        assertEquals((0.06 - 0.02) / 2, a.meanDelta(), EPS);
        // F: sixth in the first direction (not top five), first but not valid (0.09 < 0.10) in the second.
        TopAttribute f = top.get(5);
        assertEquals(0, f.mostCount());
        assertEquals(1, f.top5Count());
        assertEquals((0.01 - 0.01) / 2, f.meanDelta(), EPS);
    }

    @Test
    void wordsOfOneAttributeAreCountedApart() {
        PairOutcome pair = new PairOutcome(false, List.of(
                direction(0.2, new AttributeOutcome("Gender", "Male", true, 0.3)),
                direction(0.2, new AttributeOutcome("Gender", "Female", true, 0.25))));

        List<TopAttribute> top = TopAttributes.of(List.of(pair));

        assertEquals(List.of(new TopAttribute(1, "Gender", "Male", 1, 1, top.get(0).meanDelta()),
                new TopAttribute(2, "Gender", "Female", 1, 1, top.get(1).meanDelta())), top);
        assertEquals(0.1, top.get(0).meanDelta(), EPS);
        assertEquals(0.05, top.get(1).meanDelta(), EPS);
    }

    @Test
    void matedPairsIneligibleAttributesAndNanScoresAreLeftOut() {
        PairOutcome mated = new PairOutcome(true, List.of(direction(0.5, attribute("Mated", 0.9))));
        PairOutcome nonMated = new PairOutcome(false, List.of(
                direction(0.1, new AttributeOutcome("Bald", "Bald", false, 0.9), attribute("Broken", Double.NaN),
                        attribute("Kept", 0.05)),
                direction(Double.NaN, attribute("NoOriginal", 0.3))));

        List<TopAttribute> top = TopAttributes.of(List.of(mated, nonMated));

        assertEquals(1, top.size());
        assertEquals("Kept", top.get(0).attribute());
        assertEquals(0, top.get(0).mostCount());
    }

    @Test
    void tiedScoresKeepTheWorkersOrder() {
        PairOutcome pair = new PairOutcome(false, List.of(direction(0.1, attribute("Second", 0.2),
                attribute("First", 0.3), attribute("AlsoSecond", 0.2), attribute("A6", 0.0), attribute("A5", 0.0),
                attribute("A4", 0.0))));

        List<TopAttribute> top = TopAttributes.of(List.of(pair));

        // Ranking: First, Second, AlsoSecond, A6, A5 | A4 (sixth). Equal figures then sort by name.
        assertEquals(List.of("First", "AlsoSecond", "Second", "A5", "A6", "A4"),
                top.stream().map(TopAttribute::attribute).toList());
        assertEquals(0, top.get(5).top5Count());
    }

    @Test
    void noPairsNoWords() {
        assertEquals(List.of(), TopAttributes.of(List.of()));
    }

    private static AttributeOutcome attribute(String name, double score) {
        return new AttributeOutcome(name, name, true, score);
    }
}
