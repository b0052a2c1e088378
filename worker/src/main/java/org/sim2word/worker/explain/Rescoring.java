package org.sim2word.worker.explain;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.PairExplainer.AttributeMaps;
import org.sim2word.worker.explain.PairExplainer.DirectionMaps;
import org.sim2word.worker.model.VerificationNet;

/**
 * The verification net's view of a pair: the two faces and every distinct erased face ({@link DistinctFaces}),
 * embedded in one batched pass. An empty mask's score is s0 by definition, with no forward spent on it.
 */
final class Rescoring {
    private final float[][] embeddings;
    private final Map<String, Integer> originals;
    private final Map<AttributeMaps, Integer> erased;

    private Rescoring(float[][] embeddings, Map<String, Integer> originals, Map<AttributeMaps, Integer> erased) {
        this.embeddings = embeddings;
        this.originals = originals;
        this.erased = erased;
    }

    static Rescoring of(Map<String, FaceImage> faces, List<DirectionMaps> directions, VerificationNet net) {
        DistinctFaces batch = new DistinctFaces();
        Map<String, Integer> originals = new HashMap<>();
        for (Map.Entry<String, FaceImage> face : faces.entrySet()) {
            originals.put(face.getKey(), batch.original(face.getValue()));
        }
        Map<AttributeMaps, Integer> erased = new IdentityHashMap<>();
        for (DirectionMaps d : directions) {
            for (AttributeMaps a : d.attributes()) {
                erased.put(a, batch.erased(originals.get(d.probe()), a.mask(), a.erased()));
            }
        }
        return new Rescoring(net.embed(batch.faces()), originals, erased);
    }

    /** How many distinct images went through the verification net. */
    int embedded() {
        return embeddings.length;
    }

    /** s0 = cos(V(a), V(b)). */
    double s0() {
        return VerificationNet.cosine(embeddings[originals.get("a")], embeddings[originals.get("b")]);
    }

    /** s_i = cos(V(probe erased by i), V(counter)). */
    double erasedVsCounter(DirectionMaps d, AttributeMaps a) {
        return VerificationNet.cosine(embeddings[erased.get(a)], embeddings[originals.get(d.counter())]);
    }

    /** cos(V(probe erased by i), V(probe)). */
    double erasedVsProbe(DirectionMaps d, AttributeMaps a) {
        return VerificationNet.cosine(embeddings[erased.get(a)], embeddings[originals.get(d.probe())]);
    }

    /** cos(V(first probe erased by its mask), V(second probe erased by its mask)). */
    double bothErased(DirectionMaps first, AttributeMaps a, DirectionMaps second, AttributeMaps b) {
        return VerificationNet.cosine(embeddings[erased.get(a)], embeddings[erased.get(b)]);
    }
}
