package org.sim2word.common.result;

/**
 * Milliseconds spent per stage of one job, for operators.
 *
 * @param decode      reading and preparing the images
 * @param maps        identification and attribute forwards plus every Grad-CAM map
 * @param rescoring   verification forwards of the original and erased images
 * @param total       the whole explanation
 */
public record Timings(long decode, long maps, long rescoring, long total) {
}
