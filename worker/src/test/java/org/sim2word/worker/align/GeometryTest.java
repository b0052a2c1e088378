package org.sim2word.worker.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.engine.FaceImage;

/** The similarity estimate, the templates and the warp, on numbers whose answers are known. */
class GeometryTest {
    private static final List<Point> SQUAREISH = List.of(new Point(10, 20), new Point(40, 22), new Point(25, 45),
            new Point(14, 60), new Point(37, 61));

    @Test
    void the_least_squares_similarity_recovers_a_known_transform_exactly() {
        Similarity truth = new Similarity(1.7 * Math.cos(0.3), 1.7 * Math.sin(0.3), -12.5, 40.25);
        List<Point> moved = SQUAREISH.stream().map(truth::apply).toList();
        Similarity got = Similarity.estimate(SQUAREISH, moved);
        assertEquals(truth.a(), got.a(), 1e-12);
        assertEquals(truth.b(), got.b(), 1e-12);
        assertEquals(truth.tx(), got.tx(), 1e-10);
        assertEquals(truth.ty(), got.ty(), 1e-10);
        assertEquals(0, got.summedError(SQUAREISH, moved), 1e-9);
        assertEquals(1.7, got.scale(), 1e-12);
        assertEquals(0.3, got.angle(), 1e-12);
    }

    @Test
    void the_estimate_is_the_least_squares_optimum_for_noisy_points() {
        List<Point> target = List.of(new Point(11, 19), new Point(41, 23), new Point(24, 46), new Point(15, 59),
                new Point(36, 62));
        Similarity best = Similarity.estimate(SQUAREISH, target);
        double e0 = squared(best, target);
        // any small change of any parameter makes the squared error larger
        double[] d = {1e-3, -1e-3};
        for (double step : d) {
            for (Similarity s : List.of(new Similarity(best.a() + step, best.b(), best.tx(), best.ty()),
                    new Similarity(best.a(), best.b() + step, best.tx(), best.ty()),
                    new Similarity(best.a(), best.b(), best.tx() + step, best.ty()),
                    new Similarity(best.a(), best.b(), best.tx(), best.ty() + step))) {
                assertEquals(true, squared(s, target) > e0, "not a minimum: " + s);
            }
        }
    }

    @Test
    void inverse_and_composition_undo_each_other() {
        Similarity t = new Similarity(0.8, -0.6, 3, -7);
        Point p = new Point(12.5, -4);
        Point back = t.inverse().apply(t.apply(p));
        assertEquals(p.x(), back.x(), 1e-12);
        assertEquals(p.y(), back.y(), 1e-12);
        Similarity id = t.inverse().after(t);
        assertArrayEquals(Similarity.IDENTITY.matrix(), id.matrix(), 1e-12);
    }

    @Test
    void coincident_points_have_no_similarity() {
        Point p = new Point(1, 1);
        assertThrows(IllegalArgumentException.class, () -> Similarity.estimate(List.of(p, p), List.of(p, p)));
    }

    @Test
    void the_dlib_chip_template_is_dlibs_mean_face_through_its_chip_formula() {
        // (0.25 + m) / 1.5 · 150 = 100·(0.25 + m) for dlib's mean face (see AlignmentTemplate.DLIB_150)
        List<Point> t = AlignmentTemplate.DLIB_150.poses().get(0);
        double[][] expected = {{47.5492, 46.5990}, {100.4761, 46.5990}, {74.0127, 76.5625}, {50.4149, 103.0233},
                {97.6104, 103.0233}};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i][0], t.get(i).x(), 1e-4);
            assertEquals(expected[i][1], t.get(i).y(), 1e-4);
        }
        assertEquals(150, AlignmentTemplate.DLIB_150.size());
        assertEquals(Border.ZERO, AlignmentTemplate.DLIB_150.border());
    }

    @Test
    void the_vggface_template_has_five_poses_at_twice_the_insightface_scale() {
        List<List<Point>> poses = AlignmentTemplate.VGGFACE_224.poses();
        assertEquals(5, poses.size());
        assertEquals(new Point(2 * 39.730, 2 * 51.138), poses.get(2).get(0), "frontal pose, first eye");
        assertEquals(Border.REFLECT_101, AlignmentTemplate.VGGFACE_224.border());
        assertEquals(new Point(38.2946, 51.6963), AlignmentTemplate.ARCFACE_112.poses().get(0).get(0));
    }

    @Test
    void the_vggface_alignment_keeps_the_pose_template_the_landmarks_fit_best() {
        // landmarks laid out like each pose template (moved by some similarity) select that pose
        Similarity somewhere = new Similarity(0.9 * Math.cos(-0.2), 0.9 * Math.sin(-0.2), 300, 120);
        for (int pose = 0; pose < 5; pose++) {
            FivePoints pts = FivePoints.of(AlignmentTemplate.VGGFACE_224.poses().get(pose).stream()
                    .map(somewhere::apply).toList());
            FaceAligner.Fit fit = FaceAligner.fit(pts, AlignmentTemplate.VGGFACE_224);
            assertEquals(pose, fit.pose());
            assertEquals(0, fit.error(), 1e-9);
            assertEquals(1 / 0.9, fit.transform().scale(), 1e-9);
        }
    }

    @Test
    void reflect_101_mirrors_without_repeating_the_edge() {
        int[] got = new int[9];
        for (int i = -4; i <= 4; i++) {
            got[i + 4] = Raster.index(i + 2, 5, Border.REFLECT_101);   // indices −2 … 6 of a row of 5
        }
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 4, 3, 2}, got);
        assertEquals(-1, Raster.index(-1, 5, Border.ZERO));
        assertEquals(4, Raster.index(4, 5, Border.ZERO));
    }

    @Test
    void warping_by_the_identity_returns_the_image_and_shifting_by_half_a_pixel_averages_neighbours() {
        float[] rgb = new float[4 * 3 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = i * 7 % 255;
        }
        FaceImage img = FaceImage.of(4, 3, rgb);
        Raster r = Raster.of(img);
        assertArrayEquals(rgb, r.warp(Similarity.IDENTITY, 4, 3, Border.ZERO).toArray());
        float[] half = r.warp(new Similarity(1, 0, 0.5, 0), 3, 3, Border.ZERO).toArray();
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    float want = (rgb[(y * 4 + x) * 3 + c] + rgb[(y * 4 + x + 1) * 3 + c]) / 2;
                    assertEquals(want, half[(y * 3 + x) * 3 + c], 1e-4);
                }
            }
        }
        // outside the image: black with ZERO, the mirrored pixel with REFLECT_101
        assertEquals(0f, r.warp(new Similarity(1, 0, -1, 0), 1, 1, Border.ZERO).toArray()[0]);
        assertEquals(rgb[3], r.warp(new Similarity(1, 0, -1, 0), 1, 1, Border.REFLECT_101).toArray()[0]);
    }

    private static double squared(Similarity s, List<Point> target) {
        double e = 0;
        for (int i = 0; i < SQUAREISH.size(); i++) {
            Point p = s.apply(SQUAREISH.get(i));
            e += Math.pow(p.x() - target.get(i).x(), 2) + Math.pow(p.y() - target.get(i).y(), 2);
        }
        return e;
    }
}
