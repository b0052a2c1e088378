package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sim2word.common.job.Fill;

class EraseMaskTest {
    private final Heatmap joint = Heatmap.of(2, 2, new float[] {0.9f, 0.6f, 0.61f, 0.1f});

    @Test
    void pixels_strictly_above_the_threshold_are_erased() {
        EraseMask mask = EraseMask.where(joint, 0.6);
        assertArrayEquals(new float[] {1, 0, 1, 0}, mask.toHeatmap().toArray(), 0f);
        assertEquals(0.5, mask.erasedFraction());
    }

    @Test
    void equal_masks_are_equal_so_they_are_rescored_once() {
        assertEquals(EraseMask.where(joint, 0.6), EraseMask.where(joint, 0.605));
        assertNotEquals(EraseMask.where(joint, 0.6), EraseMask.where(joint, 0.5));
    }

    @Test
    void a_threshold_above_every_value_erases_nothing() {
        assertTrue(EraseMask.where(joint, 0.95).isEmpty());
    }

    @Test
    void each_fill_replaces_only_the_erased_pixels_in_pixel_space() {
        FaceImage face = FaceImage.of(2, 1, new float[] {10, 20, 30, 40, 50, 60});
        EraseMask mask = EraseMask.where(Heatmap.of(2, 1, new float[] {1, 0}), 0.5);
        assertArrayEquals(new float[] {0, 0, 0, 40, 50, 60}, face.erase(mask, Fill.BLACK, null).toArray(), 0f);
        assertArrayEquals(new float[] {255, 255, 255, 40, 50, 60}, face.erase(mask, Fill.WHITE, null).toArray(), 0f);
        assertArrayEquals(new float[] {125, 125, 125, 40, 50, 60}, face.erase(mask, Fill.MEAN, null).toArray(), 0f);
        FaceImage noise = FaceImage.noise(2, 1, 42);
        float[] random = face.erase(mask, Fill.RANDOM, noise).toArray();
        float[] n = noise.toArray();
        assertArrayEquals(new float[] {n[0], n[1], n[2], 40, 50, 60}, random, 0f);
    }

    @Test
    void a_mask_of_another_size_is_refused() {
        FaceImage face = FaceImage.of(2, 1, new float[6]);
        EraseMask mask = EraseMask.where(Heatmap.zeros(1, 2), 0.5);
        assertThrows(IllegalArgumentException.class, () -> face.erase(mask, Fill.BLACK, null));
    }
}
