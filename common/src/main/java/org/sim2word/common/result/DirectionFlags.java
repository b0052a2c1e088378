package org.sim2word.common.result;

import java.util.List;

/**
 * Degenerate cases of one direction, reported rather than hidden (method §6.3–6.4).
 *
 * @param sameIdentity              the probe's and the counter face's identity sets overlap
 * @param counterfactualDegenerate  the counterfactual map was constant (max − min &lt; ε)
 * @param fallbackToIdMap           the ID map was used as the counterfactual map
 * @param emptyMasks                attributes whose mask erased nothing (their score equals s0)
 * @param unreadModels              attribute models that could not read the probe face, so their words are missing
 *                                  (the landmark model when it finds no face on the aligned canvas)
 */
public record DirectionFlags(boolean sameIdentity, boolean counterfactualDegenerate, boolean fallbackToIdMap,
                             List<String> emptyMasks, List<String> unreadModels) {

    public DirectionFlags {
        emptyMasks = emptyMasks == null ? List.of() : List.copyOf(emptyMasks);
        unreadModels = unreadModels == null ? List.of() : List.copyOf(unreadModels);
    }
}
