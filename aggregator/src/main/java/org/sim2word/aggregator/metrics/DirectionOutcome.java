package org.sim2word.aggregator.metrics;

import java.util.Comparator;
import java.util.List;

/**
 * One explained direction of a pair: the probe face erased attribute by attribute and compared with the counter.
 *
 * @param s0         the original similarity of the pair (cosine)
 * @param attributes the attributes of the probe, in the worker's ranking order, so that attributes with equal
 *                   scores keep the order the worker showed them in
 */
public record DirectionOutcome(double s0, List<AttributeOutcome> attributes) {

    public DirectionOutcome {
        attributes = List.copyOf(attributes);
    }

    /** The eligible attributes by descending s_i (method §2.9); ties keep their given order. */
    public List<AttributeOutcome> ranking() {
        return attributes.stream()
                .filter(AttributeOutcome::rankable)
                .sorted(Comparator.comparingDouble(AttributeOutcome::score).reversed())
                .toList();
    }
}
