package org.sim2word.worker.align;

import org.sim2word.worker.engine.FaceImage;

/**
 * A face warped onto an {@link AlignmentTemplate}.
 *
 * @param image       the aligned face, {@code template.size()} pixels square, RGB 0–255
 * @param template    the template it was aligned to
 * @param pose        the index of the template's pose that fitted best (always 0 for single-pose templates)
 * @param photoToFace the similarity taking photo coordinates to aligned-face coordinates
 * @param error       the summed Euclidean distance, in aligned-face pixels, between the mapped landmarks and the
 *                    pose's points (method §2.1)
 * @param points      the five landmarks in aligned-face coordinates
 */
public record AlignedFace(FaceImage image, AlignmentTemplate template, int pose, Similarity photoToFace, double error,
                          FivePoints points) {
}
