package org.sim2word.worker.attributes;

import java.util.ArrayList;
import java.util.List;
import org.sim2word.worker.align.DetectedFace;
import org.sim2word.worker.align.FaceMeshTopology;
import org.sim2word.worker.align.Point;
import org.sim2word.worker.attributes.RegionMaps.Disc;
import org.sim2word.worker.attributes.RegionMaps.Polygon;
import org.sim2word.worker.attributes.RegionMaps.Shape;
import org.sim2word.worker.engine.Heatmap;

/**
 * Attributes read off a face's FaceMesh landmarks, each with the region of the face that carries it: five
 * geometric yes-no attributes (Mouth Open, Narrow Eyes, Eyes Closed, Raised Eyebrows, Head Turned) and eight face
 * regions (Mouth, Nose, Left Eye, Right Eye, Eyebrows, Jaw/Chin, Forehead, Cheeks) for the erasure experiment.
 * docs/attributes.md describes every word, its calibration and its weaknesses.
 *
 * <p>Typical use on an aligned canvas: {@code LandmarkAttributes.of(finder.find(canvas).get(0), w, h)}, or map a
 * face found in the raw photo into the aligned canvas first: {@code face.map(aligned.photoToFace())}.
 */
public final class LandmarkAttributes {
    /**
     * Calibrations on the 55 johns chips (docs/attributes.md): the midpoints separate the groups we judged by eye
     * (closed lips below 0.055 and lips apart showing teeth above 0.12; squinting eyes below 0.215, open eyes above
     * 0.25; heads visibly turned above 0.145); the spread puts 12 % and 88 % a little over one spread either side.
     * Raised Eyebrows has no visual anchor among the johns (see docs); its midpoint is the johns' mean brow height
     * plus two standard deviations.
     */
    public static final Logistic MOUTH_OPEN = new Logistic(0.10, 0.015);
    public static final Logistic NARROW_EYES = new Logistic(0.22, -0.012);
    public static final Logistic EYES_CLOSED = new Logistic(0.10, -0.015);
    public static final Logistic RAISED_EYEBROWS = new Logistic(0.41, 0.018);
    public static final Logistic HEAD_TURNED = new Logistic(0.15, 0.02);

    /** Blur of every region as a fraction of the interocular distance (about 3 px on a 150 px dlib chip). */
    static final double BLUR = 0.06;
    /** The eye contour hugs the eyeball; the eye region takes in the lids and the eye's corners too. */
    static final double EYE_SCALE = 1.6;
    static final double MOUTH_SCALE = 1.15;
    static final double BROW_SCALE = 1.3;
    /** Cheek discs around MediaPipe's cheek points, as a fraction of the interocular distance. */
    static final double CHEEK_RADIUS = 0.3;

    private LandmarkAttributes() {
    }

    /** The attributes of {@code face}, whose landmarks are in the coordinates of a width×height canvas. */
    public static List<LandmarkAttribute> of(DetectedFace face, int width, int height) {
        FaceGeometry g = FaceGeometry.of(face);
        List<Point> m = face.mesh();
        double sigma = BLUR * face.points().interocular();
        Heatmap mouth = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.LIPS_OUTER).scaled(MOUTH_SCALE)), width,
                height, sigma);
        Heatmap rightEye = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.RIGHT_EYE).scaled(EYE_SCALE)), width,
                height, sigma);
        Heatmap leftEye = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.LEFT_EYE).scaled(EYE_SCALE)), width,
                height, sigma);
        Heatmap eyes = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.RIGHT_EYE).scaled(EYE_SCALE),
                polygon(m, FaceMeshTopology.LEFT_EYE).scaled(EYE_SCALE)), width, height, sigma);
        Heatmap brows = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.RIGHT_BROW).scaled(BROW_SCALE),
                polygon(m, FaceMeshTopology.LEFT_BROW).scaled(BROW_SCALE)), width, height, sigma);
        Heatmap face0 = RegionMaps.of(List.of(polygon(m, FaceMeshTopology.FACE_OVAL)), width, height, sigma);

        List<LandmarkAttribute> out = new ArrayList<>();
        out.add(yesNo("Mouth Open", MOUTH_OPEN.probability(g.mouthOpening()), mouth));
        out.add(yesNo("Narrow Eyes", NARROW_EYES.probability(g.eyeOpening()), eyes));
        out.add(yesNo("Eyes Closed", EYES_CLOSED.probability(g.eyeOpening()), eyes));
        out.add(yesNo("Raised Eyebrows", RAISED_EYEBROWS.probability(g.browHeight()), brows));
        out.add(yesNo("Head Turned", HEAD_TURNED.probability(Math.abs(g.yaw())), face0));

        double confidence = face.meshConfidence();
        out.add(region("Mouth", confidence, mouth));
        out.add(region("Nose", confidence, RegionMaps.of(List.of(polygon(m, FaceMeshTopology.NOSE)), width, height,
                sigma)));
        // the subject's left eye is on the image's right
        out.add(region("Left Eye", confidence, leftEye));
        out.add(region("Right Eye", confidence, rightEye));
        out.add(region("Eyebrows", confidence, brows));
        out.add(region("Jaw/Chin", confidence, RegionMaps.of(List.of(jaw(m)), width, height, sigma)));
        out.add(region("Forehead", confidence, RegionMaps.of(List.of(forehead(m)), width, height, sigma)));
        double r = CHEEK_RADIUS * face.points().interocular();
        out.add(region("Cheeks", confidence, RegionMaps.of(List.<Shape>of(
                new Disc(m.get(FaceMeshTopology.RIGHT_CHEEK), r), new Disc(m.get(FaceMeshTopology.LEFT_CHEEK), r)),
                width, height, sigma)));
        return List.copyOf(out);
    }

    /** The lower face: the jaw line from ear to ear round the chin, closed along the lower lip. */
    static Polygon jaw(List<Point> m) {
        List<Point> v = new ArrayList<>();
        FaceMeshTopology.JAW.forEach(i -> v.add(m.get(i)));
        FaceMeshTopology.LOWER_LIP_OUTER.forEach(i -> v.add(m.get(i)));
        return new Polygon(v);
    }

    /** The forehead: the outline over the top of the face, closed along the upper edges of the brows. */
    static Polygon forehead(List<Point> m) {
        List<Point> v = new ArrayList<>();
        FaceMeshTopology.FOREHEAD_OUTLINE.forEach(i -> v.add(m.get(i)));
        // image-right brow from its outer end inwards (upper edge: the first five of LEFT_BROW), the point between
        // the brows, then the image-left brow from its inner end outwards
        for (int i = 0; i < 5; i++) {
            v.add(m.get(FaceMeshTopology.LEFT_BROW.get(i)));
        }
        v.add(m.get(FaceMeshTopology.BETWEEN_BROWS));
        for (int i = 4; i >= 0; i--) {
            v.add(m.get(FaceMeshTopology.RIGHT_BROW.get(i)));
        }
        return new Polygon(v);
    }

    private static Polygon polygon(List<Point> m, List<Integer> indices) {
        return new Polygon(indices.stream().map(m::get).toList());
    }

    private static LandmarkAttribute yesNo(String name, double present, Heatmap map) {
        boolean yes = present > 0.5;
        return new LandmarkAttribute(name, name, false, yes ? 0 : 1, yes ? present : 1 - present, map);
    }

    private static LandmarkAttribute region(String name, double confidence, Heatmap map) {
        return new LandmarkAttribute(name, name, true, 0, confidence, map);
    }
}
