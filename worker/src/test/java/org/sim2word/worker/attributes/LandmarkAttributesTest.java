package org.sim2word.worker.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.align.DetectedFace;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.align.FaceMeshTopology;
import org.sim2word.worker.align.FivePoints;
import org.sim2word.worker.align.Photos;
import org.sim2word.worker.align.Point;
import org.sim2word.worker.engine.Heatmap;

/**
 * Landmark attributes on the johns chips (aligned 150×150 faces, the canvas the explainer works on). The groups of
 * photos named here were judged by eye on a contact sheet of all 55 (photo i of a person is i in file-name order).
 */
class LandmarkAttributesTest {
    private static FaceFinder finder;
    private static final Map<String, DetectedFace> FACES = new HashMap<>();

    @BeforeAll
    static void load() {
        finder = FaceFinder.of(TestHome.registry());
    }

    static synchronized DetectedFace john(String person, int index) {
        return FACES.computeIfAbsent(person + index, k -> {
            List<DetectedFace> faces = finder.find(Johns.face(person, index));
            assertEquals(1, faces.size());
            return faces.get(0);
        });
    }

    static Map<String, LandmarkAttribute> attributes(DetectedFace face) {
        Map<String, LandmarkAttribute> out = new HashMap<>();
        for (LandmarkAttribute a : LandmarkAttributes.of(face, 150, 150)) {
            out.put(a.attribute(), a);
        }
        return out;
    }

    @Test
    void every_face_gets_five_yes_no_words_and_eight_regions_with_maps_at_canvas_size() {
        List<LandmarkAttribute> all = LandmarkAttributes.of(john("John_Simm", 1), 150, 150);
        assertEquals(List.of("Mouth Open", "Narrow Eyes", "Eyes Closed", "Raised Eyebrows", "Head Turned", "Mouth",
                "Nose", "Left Eye", "Right Eye", "Eyebrows", "Jaw/Chin", "Forehead", "Cheeks"),
                all.stream().map(LandmarkAttribute::attribute).toList());
        for (LandmarkAttribute a : all) {
            assertEquals(a.attribute(), a.word());
            assertEquals(150, a.regionMap().width());
            assertEquals(150, a.regionMap().height());
            assertEquals(1f, a.regionMap().max(), 1e-6, a.attribute());
            assertTrue(a.regionMap().min() >= 0f, a.attribute());
            // smooth: the region fades out over a band of intermediate values rather than stepping from 1 to 0
            int soft = 0;
            for (float v : a.regionMap().toArray()) {
                soft += v > 0.1f && v < 0.9f ? 1 : 0;
            }
            assertTrue(soft > 50, a.attribute() + ": only " + soft + " pixels between 0.1 and 0.9");
            if (a.categorical()) {
                assertEquals(0, a.classIndex());
                assertTrue(a.eligible());
                assertEquals(john("John_Simm", 1).meshConfidence(), a.probability(), 1e-12);
            } else {
                assertEquals(a.classIndex() == 0, a.presence() > 0.5);
                assertEquals(a.classIndex() == 0, a.eligible());
                assertTrue(a.probability() >= 0.5, "the predicted class's probability");
            }
        }
    }

    @Test
    void each_region_map_lies_over_its_part_of_the_face() {
        DetectedFace f = john("John_Simm", 1);
        Map<String, LandmarkAttribute> a = attributes(f);
        FivePoints p = f.points();
        double iod = p.interocular();
        Point mouth = Point.mean(p.leftMouth(), p.rightMouth());
        assertNear(mouth, centroid(a.get("Mouth").regionMap()), 0.15 * iod);
        assertNear(p.rightEye(), centroid(a.get("Left Eye").regionMap()), 0.15 * iod);   // the subject's left eye
        assertNear(p.leftEye(), centroid(a.get("Right Eye").regionMap()), 0.15 * iod);
        Point nose = f.mesh().get(FaceMeshTopology.NOSE_TIP);
        assertNear(new Point(nose.x(), centroid(a.get("Nose").regionMap()).y()), centroid(a.get("Nose").regionMap()),
                0.1 * iod);
        double eyesY = (p.leftEye().y() + p.rightEye().y()) / 2;
        assertTrue(centroid(a.get("Nose").regionMap()).y() > eyesY && centroid(a.get("Nose").regionMap()).y() < mouth.y());
        assertTrue(centroid(a.get("Eyebrows").regionMap()).y() < eyesY);
        assertTrue(centroid(a.get("Forehead").regionMap()).y() < centroid(a.get("Eyebrows").regionMap()).y());
        assertTrue(centroid(a.get("Jaw/Chin").regionMap()).y() > mouth.y());
        Point cheeks = centroid(a.get("Cheeks").regionMap());
        assertTrue(cheeks.y() > eyesY && cheeks.y() < mouth.y());
        // the regions the geometric words are read from are the ones users see
        assertEquals(a.get("Mouth").regionMap(), a.get("Mouth Open").regionMap());
        assertEquals(a.get("Eyebrows").regionMap(), a.get("Raised Eyebrows").regionMap());
    }

    @Test
    void lips_apart_in_a_broad_smile_are_mouth_open_and_closed_lips_are_not() {
        List<Double> open = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            open.add(attributes(john("John_Salley", i)).get("Mouth Open").presence());     // every one shows teeth
        }
        open.add(attributes(john("John_Simm", 9)).get("Mouth Open").presence());
        List<Double> closed = List.of(attributes(john("John_Schneider", 7)).get("Mouth Open").presence(),
                attributes(john("John_Simm", 8)).get("Mouth Open").presence(),
                attributes(john("John_Schneider", 5)).get("Mouth Open").presence(),
                attributes(john("John_Simm", 7)).get("Mouth Open").presence(),
                attributes(john("John_Shimkus", 7)).get("Mouth Open").presence());
        open.forEach(v -> assertTrue(v > 0.9, "open mouth at " + v));
        closed.forEach(v -> assertTrue(v < 0.1, "closed mouth at " + v));
    }

    @Test
    void squinting_smiles_are_narrow_eyes_wide_open_eyes_are_not_and_no_john_has_closed_eyes() {
        for (var squint : List.of(List.of("John_Shimkus", 9), List.of("John_Schneider", 3),
                List.of("John_Schneider", 7), List.of("John_Schneider", 0))) {
            assertTrue(attributes(john((String) squint.get(0), (Integer) squint.get(1))).get("Narrow Eyes")
                    .presence() > 0.7, squint.toString());
        }
        for (var wide : List.of(List.of("John_Shimkus", 0), List.of("John_Savage", 6), List.of("John_Simm", 6),
                List.of("John_Simm", 7))) {
            Map<String, LandmarkAttribute> a = attributes(john((String) wide.get(0), (Integer) wide.get(1)));
            assertTrue(a.get("Narrow Eyes").presence() < 0.05, wide.toString());
            assertFalse(a.get("Eyes Closed").eligible());
        }
        assertFalse(attributes(john("John_Shimkus", 9)).get("Eyes Closed").eligible(), "the narrowest johns eyes");
    }

    @Test
    void visibly_turned_heads_are_head_turned_and_frontal_ones_are_not() {
        for (var turned : List.of(List.of("John_Schneider", 6), List.of("John_Shimkus", 6), List.of("John_Simm", 6),
                List.of("John_Simm", 7))) {
            assertTrue(attributes(john((String) turned.get(0), (Integer) turned.get(1))).get("Head Turned")
                    .eligible(), turned.toString());
        }
        for (var frontal : List.of(List.of("John_Salley", 0), List.of("John_Salley", 7), List.of("John_Savage", 4),
                List.of("John_Simm", 1))) {
            assertTrue(attributes(john((String) frontal.get(0), (Integer) frontal.get(1))).get("Head Turned")
                    .presence() < 0.01, frontal.toString());
        }
        // the woman in profile in face-api's sample2 (the second-largest face)
        DetectedFace profile = finder.find(Photos.photo("face-api/sample2.jpg")).get(1);
        assertTrue(FaceGeometry.of(profile).yaw() < -0.4);
    }

    @Test
    void lifting_the_brows_or_closing_the_lids_of_a_real_mesh_turns_the_words_on() {
        DetectedFace f = john("John_Simm", 1);
        Map<String, LandmarkAttribute> before = attributes(f);
        assertFalse(before.get("Raised Eyebrows").eligible());
        assertFalse(before.get("Eyes Closed").eligible());
        double iod = f.points().interocular();
        List<Point> mesh = new ArrayList<>(f.mesh());
        // John Simm's brows sit low (brow height about 0.27 interocular distances against the johns' mean 0.34):
        // lifted by a quarter of the interocular distance they are higher than any john's
        for (int i : FaceMeshTopology.RIGHT_BROW) {
            mesh.set(i, new Point(mesh.get(i).x(), mesh.get(i).y() - 0.25 * iod));
        }
        for (int i : FaceMeshTopology.LEFT_BROW) {
            mesh.set(i, new Point(mesh.get(i).x(), mesh.get(i).y() - 0.25 * iod));
        }
        // upper lids down onto the lower ones
        mesh.set(FaceMeshTopology.RIGHT_EYE_TOP, mesh.get(FaceMeshTopology.RIGHT_EYE_BOTTOM));
        mesh.set(FaceMeshTopology.LEFT_EYE_TOP, mesh.get(FaceMeshTopology.LEFT_EYE_BOTTOM));
        DetectedFace moved = new DetectedFace(f.x1(), f.y1(), f.x2(), f.y2(), f.score(), f.meshConfidence(), mesh,
                f.depth(), f.points());
        Map<String, LandmarkAttribute> after = attributes(moved);
        assertTrue(after.get("Raised Eyebrows").presence() > 0.95);
        assertTrue(after.get("Eyes Closed").presence() > 0.95);
        assertTrue(after.get("Narrow Eyes").presence() > 0.95);
        assertEquals(before.get("Mouth Open").presence(), after.get("Mouth Open").presence(), 1e-12);
    }

    @Test
    void the_logistic_is_one_half_at_its_midpoint_and_a_negative_spread_reverses_it() {
        Logistic l = new Logistic(0.1, 0.015);
        assertEquals(0.5, l.probability(0.1), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)), l.probability(0.115), 1e-12);
        assertTrue(l.probability(0.2) > l.probability(0.15));
        Logistic low = new Logistic(0.22, -0.012);
        assertTrue(low.probability(0.15) > 0.99 && low.probability(0.3) < 0.01);
    }

    @Test
    void a_region_mask_is_the_blurred_fill_of_its_polygon() {
        // a 10x10 square in a 40x40 canvas: without blur exactly its pixel centres, with blur the same core
        RegionMaps.Polygon square = new RegionMaps.Polygon(List.of(new Point(9.5, 9.5), new Point(19.5, 9.5),
                new Point(19.5, 19.5), new Point(9.5, 19.5)));
        Heatmap hard = RegionMaps.of(List.of(square), 40, 40, 0);
        int inside = 0;
        for (float v : hard.toArray()) {
            inside += v == 1f ? 1 : 0;
        }
        assertEquals(100, inside);
        Heatmap soft = RegionMaps.of(List.of(square), 40, 40, 2);
        assertEquals(1f, soft.get(14, 14), 1e-6);
        assertTrue(soft.get(9, 14) > 0.2 && soft.get(9, 14) < 0.8, "edge " + soft.get(9, 14));
        assertEquals(0f, soft.get(35, 35), 1e-6);
        assertEquals(soft.get(14, 9), soft.get(9, 14), 1e-6);
    }

    static Point centroid(Heatmap m) {
        double sx = 0;
        double sy = 0;
        double s = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                double v = m.get(x, y);
                sx += v * x;
                sy += v * y;
                s += v;
            }
        }
        return new Point(sx / s, sy / s);
    }

    static void assertNear(Point want, Point got, double tolerance) {
        assertTrue(want.distance(got) < tolerance, "expected near " + want + ", got " + got);
    }
}
