package org.sim2word.worker.explain;

import java.util.List;
import org.sim2word.common.result.PairExplanation;

/** A pair's result and the maps its heatmap refs point to, ready to store. */
public record ExplainedPair(PairExplanation result, List<MapImage> maps) {
}
