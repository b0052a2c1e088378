package org.sim2word.aggregator.metrics;

import java.util.List;

/**
 * The scores of one succeeded pair of an evaluation.
 *
 * @param mated      the pair's label: true for two photos of the same person
 * @param directions one per explained direction (two unless the job explained only one)
 */
public record PairOutcome(boolean mated, List<DirectionOutcome> directions) {

    public PairOutcome {
        directions = List.copyOf(directions);
    }
}
