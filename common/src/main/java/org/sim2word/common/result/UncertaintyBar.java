package org.sim2word.common.result;

/** One bar of the uncertainty chart: "Original" first, then selected attribute words. */
public record UncertaintyBar(String label, double value, boolean original) {
}
