package org.sim2word.worker.align;

import java.util.List;

/**
 * Vertex numbers of MediaPipe's 468-point canonical face mesh (the {@code facemesh} model's output), as annotated
 * in @vladmandic/human's {@code src/face/facemeshcoords.ts} and MediaPipe's face-mesh connection lists, and checked
 * here by drawing them on a johns face. "Right" and "left" are the subject's: the subject's right eye is on the
 * image's left.
 */
public final class FaceMeshTopology {
    public static final int COUNT = 468;

    /** The subject's right eye (image left), its lid contour, clockwise from the outer corner 33. */
    public static final List<Integer> RIGHT_EYE = List.of(33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153,
            145, 144, 163, 7);
    /** The subject's left eye (image right), from the outer corner 263. */
    public static final List<Integer> LEFT_EYE = List.of(263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380,
            374, 373, 390, 249);
    public static final int RIGHT_EYE_OUTER = 33;
    public static final int RIGHT_EYE_INNER = 133;
    public static final int RIGHT_EYE_TOP = 159;
    public static final int RIGHT_EYE_BOTTOM = 145;
    public static final int LEFT_EYE_OUTER = 263;
    public static final int LEFT_EYE_INNER = 362;
    public static final int LEFT_EYE_TOP = 386;
    public static final int LEFT_EYE_BOTTOM = 374;

    /** The subject's right eyebrow: upper edge from outside in, then lower edge back out. */
    public static final List<Integer> RIGHT_BROW = List.of(70, 63, 105, 66, 107, 55, 65, 52, 53, 46);
    public static final List<Integer> LEFT_BROW = List.of(300, 293, 334, 296, 336, 285, 295, 282, 283, 276);
    /** The middle of each brow's upper edge. */
    public static final int RIGHT_BROW_MIDDLE = 105;
    public static final int LEFT_BROW_MIDDLE = 334;

    /** Outer lip contour from the image-left corner 61 over the upper lip to 291 and back under the lower lip. */
    public static final List<Integer> LIPS_OUTER = List.of(61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321,
            405, 314, 17, 84, 181, 91, 146);
    public static final int MOUTH_LEFT = 61;
    public static final int MOUTH_RIGHT = 291;
    /** The middle of the inner edge of the upper and of the lower lip: their distance is the mouth opening. */
    public static final int INNER_LIP_TOP = 13;
    public static final int INNER_LIP_BOTTOM = 14;
    /** The lower lip's outer contour from corner 61 to corner 291. */
    public static final List<Integer> LOWER_LIP_OUTER = List.of(61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291);

    /** The nose: bridge top between the eyes (168), down the image-right side, round the nostrils, up the left. */
    public static final List<Integer> NOSE = List.of(168, 351, 437, 429, 279, 358, 327, 2, 98, 129, 49, 209, 217, 122);
    public static final int NOSE_TIP = 1;
    public static final int BETWEEN_EYES = 168;
    /** The glabella, between the brows. */
    public static final int BETWEEN_BROWS = 9;

    /** The face outline, clockwise from the top of the forehead (10); the mesh stops below the hairline. */
    public static final List<Integer> FACE_OVAL = List.of(10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288,
            397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103,
            67, 109);
    /** The lower face outline from the image-right jaw (288) round the chin (152) to the image-left jaw (58). */
    public static final List<Integer> JAW = List.of(288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
            172, 58);
    /** The upper face outline from the image-left temple (127) over the forehead (10) to the image-right (356). */
    public static final List<Integer> FOREHEAD_OUTLINE = List.of(127, 162, 21, 54, 103, 67, 109, 10, 338, 297, 332,
            284, 251, 389, 356);
    /** The face's widest points at the cheekbones, image-left and image-right. */
    public static final int FACE_LEFT = 234;
    public static final int FACE_RIGHT = 454;
    /** Cheek centres (human's rightCheek and leftCheek annotations). */
    public static final int RIGHT_CHEEK = 205;
    public static final int LEFT_CHEEK = 425;

    private FaceMeshTopology() {
    }

    /**
     * The alignment landmarks of a mesh: eye centres as the means of the lid contours, MediaPipe's nose tip (1),
     * and the outer mouth corners 61 and 291. The nose tip 1 rather than 4 was chosen by fitting the DLIB_150
     * template to the 55 johns chips: the corners of the fitted chip move 4.4 px on average with 1 and 5.7 px with 4.
     */
    public static FivePoints fivePoints(List<Point> mesh) {
        return new FivePoints(mean(mesh, RIGHT_EYE), mean(mesh, LEFT_EYE), mesh.get(NOSE_TIP), mesh.get(MOUTH_LEFT),
                mesh.get(MOUTH_RIGHT));
    }

    public static Point mean(List<Point> mesh, List<Integer> indices) {
        double x = 0;
        double y = 0;
        for (int i : indices) {
            x += mesh.get(i).x();
            y += mesh.get(i).y();
        }
        return new Point(x / indices.size(), y / indices.size());
    }
}
