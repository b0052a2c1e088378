package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradCamTest {

    @Test
    void channels_are_weighted_by_their_mean_gradient_and_negative_evidence_is_cut() {
        float[] activations = {
            1, 0, 0, 0,   // channel 0
            0, 0, 0, 1};  // channel 1
        float[] gradients = {
            2, 0, 0, 2,      // mean 1
            -1, -1, -1, -1}; // mean −1
        Heatmap cam = GradCam.map(activations, gradients, 2, 2, 2);
        assertArrayEquals(new float[] {1, 0, 0, 0}, cam.toArray(), 0f);
    }

    @Test
    void the_map_is_min_max_normalised() {
        float[] activations = {1, 2, 3, 5};
        float[] gradients = {1, 1, 1, 1};
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 1}, GradCam.map(activations, gradients, 1, 2, 2).toArray(),
                1e-6f);
    }

    @Test
    void a_target_that_does_not_depend_on_the_layer_gives_an_all_zero_map() {
        Heatmap cam = GradCam.map(new float[] {1, 2, 3, 4}, new float[4], 1, 2, 2);
        assertTrue(cam.max() == 0f && cam.min() == 0f);
    }
}
