package org.sim2word.worker.explain;

import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;

/**
 * A map to store, with what its overlay is drawn on: the probe face for heat maps, or for a mask the erased face
 * itself (its overlay is the image the verification net saw).
 */
public record MapImage(HeatmapRef ref, Heatmap map, FaceImage background) {

    public boolean isMask() {
        return ref.kind() == HeatmapKind.MASK;
    }
}
