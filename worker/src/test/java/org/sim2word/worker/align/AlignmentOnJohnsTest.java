package org.sim2word.worker.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.model.VerificationNet;

/**
 * Alignment measured against dlib itself: the johns photos are dlib chips (get_face_chip_details(shape, 150,
 * 0.25)), so finding and re-aligning a chip to DLIB_150 must give it back, and a chip hidden in a larger, shifted,
 * scaled and rotated photo must come back close enough for the verification net to recognise the person.
 */
class AlignmentOnJohnsTest {
    private static FaceFinder finder;
    private static VerificationNet dlib;

    @BeforeAll
    static void load() {
        finder = FaceFinder.of(TestHome.registry());
        dlib = TestHome.registry().verificationNet("dlib-resnet29", 32);
    }

    @Test
    void realigning_each_johns_chip_to_the_dlib_template_gives_back_nearly_the_same_chip() {
        List<Double> corner = new ArrayList<>();
        List<Double> pixels = new ArrayList<>();
        for (String person : Johns.people()) {
            for (int i = 0; i < 11; i++) {
                FaceImage chip = Johns.face(person, i);
                List<DetectedFace> faces = finder.find(chip);
                assertEquals(1, faces.size(), person + " " + i);
                AlignedFace aligned = FaceAligner.align(chip, faces.get(0), AlignmentTemplate.DLIB_150);
                corner.add(cornerShift(aligned.photoToFace(), 150));
                pixels.add(meanAbsoluteDifference(chip, aligned.image(), 15));
            }
        }
        double[] c = sorted(corner);
        double[] p = sorted(pixels);
        System.out.printf("johns -> DLIB_150: chip-corner shift median %.2f px, 90th percentile %.2f, max %.2f; "
                + "mean |pixel difference| (inner 120x120) median %.1f, max %.1f of 255%n", c[c.length / 2],
                c[(int) (c.length * 0.9)], c[c.length - 1], p[p.length / 2], p[p.length - 1]);
        // dlib fitted its chips to 33 of its own 68 landmarks, we to five FaceMesh points: a few pixels of the
        // 150 differ on a typical chip (smiles lift FaceMesh's mouth corners above dlib's mean face)
        // (measured: median 3.7 px, 90th percentile 8.5, max 10.3; pixel difference median 6.9)
        assertTrue(c[c.length / 2] < 5, "median corner shift " + c[c.length / 2]);
        assertTrue(c[(int) (c.length * 0.9)] < 10, "90th percentile corner shift " + c[(int) (c.length * 0.9)]);
        assertTrue(c[c.length - 1] < 14, "largest corner shift " + c[c.length - 1]);
        assertTrue(p[p.length / 2] < 10, "median pixel difference " + p[p.length / 2]);
    }

    @Test
    void a_johns_face_hidden_in_a_larger_shifted_rotated_photo_is_aligned_back_and_recognised() {
        List<String> people = Johns.people();
        // the others' photos 3..10 form each person's gallery; photo 5 of everybody becomes a raw photo
        List<List<float[]>> gallery = new ArrayList<>();
        for (String p : people) {
            List<FaceImage> photos = new ArrayList<>();
            for (int i = 3; i < 11; i++) {
                if (i != 5) {
                    photos.add(Johns.face(p, i));
                }
            }
            gallery.add(Arrays.asList(dlib.embed(photos)));
        }
        for (int who = 0; who < people.size(); who++) {
            FaceImage chip = Johns.face(people.get(who), 5);
            // 2.4 times larger, turned by 14 degrees, placed off centre in a 640x480 black photo
            double angle = Math.toRadians(14);
            Similarity chipToPhoto = new Similarity(2.4 * Math.cos(angle), 2.4 * Math.sin(angle), 260, 40);
            FaceImage raw = Raster.of(chip).warp(chipToPhoto.inverse(), 640, 480, Border.ZERO);
            List<DetectedFace> faces = finder.find(raw);
            assertEquals(1, faces.size());
            FaceImage aligned = FaceAligner.align(raw, faces.get(0), AlignmentTemplate.DLIB_150).image();
            float[][] e = dlib.embed(List.of(aligned, raw, chip));
            double[] toPeople = new double[people.size()];
            double[] naive = new double[people.size()];
            for (int p = 0; p < people.size(); p++) {
                toPeople[p] = meanDistance(e[0], gallery.get(p));
                naive[p] = meanDistance(e[1], gallery.get(p));
            }
            System.out.printf("%s: aligned raw photo, mean distance to each person %s (own chip %.3f); the raw photo "
                    + "resized instead %s%n", people.get(who), Arrays.toString(round(toPeople)),
                    distance(e[0], e[2]), Arrays.toString(round(naive)));
            for (int p = 0; p < people.size(); p++) {
                if (p != who) {
                    assertTrue(toPeople[who] < toPeople[p], people.get(who) + " is closer to " + people.get(p));
                }
            }
            // dlib's same-person threshold is 0.6
            assertTrue(distance(e[0], e[2]) < 0.6, "aligned raw photo vs its own chip: " + distance(e[0], e[2]));
            assertTrue(toPeople[who] < 0.6);
            // and alignment is what makes it work: the raw photo merely resized to 150 is further from the person
            assertTrue(toPeople[who] < naive[who]);
        }
    }

    /** The largest distance a corner of a size×size chip moves under t (the identity moves none). */
    static double cornerShift(Similarity t, int size) {
        double worst = 0;
        for (Point c : List.of(new Point(0, 0), new Point(size - 1, 0), new Point(0, size - 1),
                new Point(size - 1, size - 1))) {
            worst = Math.max(worst, t.apply(c).distance(c));
        }
        return worst;
    }

    static double meanAbsoluteDifference(FaceImage a, FaceImage b, int inset) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double sum = 0;
        int n = 0;
        for (int r = inset; r < a.height() - inset; r++) {
            for (int c = inset; c < a.width() - inset; c++) {
                for (int k = 0; k < 3; k++) {
                    int i = (r * a.width() + c) * 3 + k;
                    sum += Math.abs(x[i] - y[i]);
                    n++;
                }
            }
        }
        return sum / n;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static double meanDistance(float[] a, List<float[]> others) {
        return others.stream().mapToDouble(o -> distance(a, o)).average().orElseThrow();
    }

    private static double[] sorted(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 1000) / 1000.0).toArray();
    }
}
