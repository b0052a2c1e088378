package org.sim2word.worker.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.Alignment;
import org.sim2word.common.job.FaceSelection;
import org.sim2word.common.result.FacePlacement;
import org.sim2word.worker.Johns;
import org.sim2word.worker.align.Photos;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.image.UnusableImageException;

/** Uploads become aligned face crops, on real photos. */
class FacePreparerTest {
    private static final FacePreparer PREPARER = new FacePreparer(Johns.explainers().finder());

    @Test
    void an_aligned_chip_is_taken_as_it_is() {
        FaceImage chip = Johns.face("John_Simm", 4);
        FacePreparer.Prepared p = PREPARER.prepare(chip, "a", Alignment.defaults(), FaceSelection.largest(), "face a");
        assertSame(chip, p.canvas());
        assertFalse(p.placement().aligned());
    }

    @Test
    void a_group_photo_is_searched_and_its_largest_face_aligned_to_the_dlib_chip() {
        FaceImage photo = Photos.photo("face-api/sample1.jpg");
        FacePreparer.Prepared p = PREPARER.prepare(photo, "b", Alignment.defaults(), FaceSelection.largest(),
                "face b");
        FacePlacement where = p.placement();
        assertTrue(where.aligned());
        assertEquals("dlib-150", where.template());
        assertEquals(3, where.facesFound());
        assertEquals(0, where.index());
        assertEquals(150, p.canvas().width());
        assertEquals(150, p.canvas().height());
    }

    @Test
    void a_face_is_chosen_by_index_or_by_a_box_around_it() {
        FaceImage photo = Photos.photo("face-api/sample1.jpg");
        FacePlacement second = PREPARER.prepare(photo, "a", Alignment.defaults(), new FaceSelection(1, null),
                "face a").placement();
        List<Double> box = second.box();
        FacePlacement byBox = PREPARER.prepare(photo, "a", Alignment.defaults(),
                new FaceSelection(null, List.of(box.get(0) + 3, box.get(1) - 2, box.get(2) + 1, box.get(3) + 4)),
                "face a").placement();
        assertEquals(1, byBox.index());
    }

    @Test
    void asking_for_a_face_the_photo_does_not_have_says_how_many_there_are() {
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> PREPARER.prepare(
                Photos.photo("face-api/sample1.jpg"), "a", Alignment.defaults(), new FaceSelection(7, null), "face a"));
        assertEquals("face a: face 7 was asked for, but 3 faces were found (numbered 0 to 2, largest first)",
                e.getMessage());
    }

    @Test
    void a_photo_without_a_face_is_refused_with_the_reason() {
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> PREPARER.prepare(
                FaceImage.of(400, 300, new float[400 * 300 * 3]), "a", Alignment.defaults(),
                FaceSelection.largest(), "face a"));
        assertTrue(e.getMessage().startsWith("face a: no face was found in the 400×300 photo"), e.getMessage());
    }

    @Test
    void alignment_can_be_forced_on_a_chip_and_switched_off_for_a_photo() {
        FacePreparer.Prepared forced = PREPARER.prepare(Johns.face("John_Simm", 4), "a",
                Alignment.fromJson("always", "vggface-224"), FaceSelection.largest(), "face a");
        assertTrue(forced.placement().aligned());
        assertEquals(224, forced.canvas().width());
        FaceImage photo = Photos.photo("dlib/2008_002506.jpg");
        assertSame(photo, PREPARER.prepare(photo, "a", Alignment.fromJson("never", null), FaceSelection.largest(),
                "face a").canvas());
    }

    @Test
    void a_whole_photo_is_not_taken_as_a_crop_when_it_would_run_the_worker_out_of_memory() {
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> PREPARER.prepare(
                Photos.photo("face-api/sample1.jpg"), "a", Alignment.fromJson("never", null),
                FaceSelection.largest(), "face a"));
        assertTrue(e.getMessage().startsWith("face a is 1920×1280 pixels; with alignment 'never' it is taken as the "
                + "face crop as it is, and crops may be at most 640 pixels a side"), e.getMessage());
    }

    @Test
    void choosing_a_face_in_an_aligned_chip_searches_it_rather_than_ignoring_the_choice() {
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> PREPARER.prepare(
                Johns.face("John_Simm", 4), "b", Alignment.defaults(), new FaceSelection(1, null), "face b"));
        assertEquals("face b: face 1 was asked for, but only 1 face was found (number 0)",
                e.getMessage());
    }

    @Test
    void a_box_reaching_outside_the_photo_is_refused() {
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> PREPARER.prepare(
                Photos.photo("face-api/sample1.jpg"), "a", Alignment.defaults(),
                new FaceSelection(null, List.of(0.0, 0.0, 50000.0, 50000.0)), "face a"));
        assertEquals("face a: the box [0.0, 0.0, 50000.0, 50000.0] reaches outside the 1920×1280 photo",
                e.getMessage());
    }
}
