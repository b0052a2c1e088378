package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.EraseMask;
import org.sim2word.worker.engine.FaceImage;

/**
 * The faces a net must see, each once: the original faces, then one erased face per distinct non-empty mask of each
 * original. A mask that erases nothing stands for its original, and two attributes with the same mask on the same
 * face share one image, so neither costs a forward pass.
 */
final class DistinctFaces {
    private record Key(int original, EraseMask mask) {
    }

    private final List<FaceImage> faces = new ArrayList<>();
    private final Map<Key, Integer> erased = new HashMap<>();

    /** Adds an original face; returns its index. */
    int original(FaceImage face) {
        faces.add(face);
        return faces.size() - 1;
    }

    /** The index of {@code original} erased by {@code mask}, adding {@code image} when the mask is new. */
    int erased(int original, EraseMask mask, FaceImage image) {
        if (mask.isEmpty()) {
            return original;
        }
        return erased.computeIfAbsent(new Key(original, mask), k -> {
            faces.add(image);
            return faces.size() - 1;
        });
    }

    List<FaceImage> faces() {
        return List.copyOf(faces);
    }
}
