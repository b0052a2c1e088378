package org.sim2word.common.result;

import java.util.List;

/**
 * One direction of a pair: why the probe face differs from the counter face (method §2.4–2.10).
 *
 * @param probe              "a" or "b": the face that was erased (I_t)
 * @param counter            the other face (I_f)
 * @param probeIdentities    K_t, the identities the identification net sees in the probe
 * @param counterIdentities  K_f, the identities it sees in the counter face
 * @param attributes         every attribute of the probe, in the attribute models' order
 * @param ranking            eligible attributes by erased similarity, highest first
 * @param mostCharacteristic the first valid word of the ranking, or null when no erasure raised the similarity
 * @param flags              degenerate cases met on the way
 * @param heatmaps           every map stored for this direction
 */
public record DirectionExplanation(
        String probe,
        String counter,
        IdentitySet probeIdentities,
        IdentitySet counterIdentities,
        List<AttributeScore> attributes,
        List<RankedWord> ranking,
        String mostCharacteristic,
        DirectionFlags flags,
        List<HeatmapRef> heatmaps) {
}
