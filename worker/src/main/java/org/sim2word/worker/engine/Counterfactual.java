package org.sim2word.worker.engine;

/**
 * The counterfactual map H_d = minmax(H_t ⊙ (max H_f − H_f)) (method §2.5): regions that support the probe's own
 * identities and not the counter face's. When the map cannot be trusted the ID map H_t stands in for it, and the
 * result says so (method §6.3–6.4).
 *
 * @param map          the map to combine with attribute maps
 * @param sameIdentity the two identity sets overlap, so H_f ≈ H_t and the formula highlights noise
 * @param degenerate   the formula gave a constant map
 * @param fallback     {@code map} is the ID map rather than the formula's result
 */
public record Counterfactual(Heatmap map, boolean sameIdentity, boolean degenerate, boolean fallback) {

    /**
     * @param idMap               H_t
     * @param counterIdMap        H_f, on the same image
     * @param sameIdentity        whether the probe's and counter's identity sets overlap
     * @param sameIdentityFallback use H_t outright when they overlap
     */
    public static Counterfactual of(Heatmap idMap, Heatmap counterIdMap, boolean sameIdentity,
                                    boolean sameIdentityFallback) {
        if (sameIdentity && sameIdentityFallback) {
            return new Counterfactual(idMap, true, false, true);
        }
        Heatmap raw = idMap.times(counterIdMap.complementToMax());
        if (raw.isDegenerate()) {
            return new Counterfactual(idMap, sameIdentity, true, true);
        }
        return new Counterfactual(raw.minMax(), sameIdentity, false, false);
    }
}
