package org.sim2word.worker.explain;

import org.sim2word.common.result.HeatmapKind;
import java.util.UUID;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.storage.StorageKeys;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;

/**
 * A map to store, with what its overlay is drawn on: the probe face for heat maps, or for a mask the erased face
 * itself (its overlay is the image the verification net saw).
 */
public record MapImage(HeatmapRef ref, Heatmap map, FaceImage background) {

    /** The map of one face of a job, under its storage keys. */
    static MapImage of(UUID jobId, String probe, HeatmapKind kind, String attribute, Heatmap map,
                       FaceImage background) {
        return new MapImage(new HeatmapRef(kind, attribute, StorageKeys.rawMap(jobId, probe, kind, attribute),
                StorageKeys.overlay(jobId, probe, kind, attribute), map.width(), map.height()), map, background);
    }

    public boolean isMask() {
        return ref.kind() == HeatmapKind.MASK;
    }
}
