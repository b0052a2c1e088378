package org.sim2word.worker.align;

/** What a warp samples outside the source image (OpenCV's border modes of the same names). */
public enum Border {
    /** Mirror without repeating the edge pixel: …, 2, 1 | 0, 1, 2, … | W−2, W−3, … (BORDER_REFLECT_101). */
    REFLECT_101,
    /** Black (BORDER_CONSTANT with 0), as dlib's chips and insightface's ArcFace crops. */
    ZERO
}
