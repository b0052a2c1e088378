package org.sim2word.common.result;

import java.util.List;

/**
 * Where the explained face came from in an uploaded photo.
 *
 * @param image      "a" or "b" (identification: "a")
 * @param aligned    whether the photo was searched for faces and aligned; false when it was taken as an aligned crop
 * @param template   the alignment template, when aligned
 * @param facesFound how many faces the photo holds, when aligned
 * @param index      which of them was explained (0 is the largest), when aligned
 * @param box        that face's box [x1, y1, x2, y2] in the photo's pixels, when aligned
 * @param score      the detector's confidence in it, when aligned
 * @param width      the width of the face crop the method worked on
 * @param height     its height
 */
public record FacePlacement(String image, boolean aligned, String template, Integer facesFound, Integer index,
                            List<Double> box, Double score, int width, int height) {
}
