package org.sim2word.common.result;

/**
 * A map stored in object storage as two PNGs: the raw map as 16-bit grey (0–65535 for 0–1) and a colour overlay
 * of the map on the face.
 *
 * @param kind       which map
 * @param attribute  the attribute for attribute, joint and mask maps; null otherwise
 * @param rawKey     storage key of the raw map
 * @param overlayKey storage key of the overlay (for masks: the erased face)
 * @param width      width of both PNGs
 * @param height     height of both PNGs
 */
public record HeatmapRef(HeatmapKind kind, String attribute, String rawKey, String overlayKey, int width,
                         int height) {
}
