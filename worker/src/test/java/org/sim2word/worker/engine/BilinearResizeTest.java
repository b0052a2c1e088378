package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BilinearResizeTest {

    @Test
    void upsampling_matches_opencv_inter_linear_with_clamped_borders() {
        float[] src = {0, 1, 2, 3};
        float[] expected = {
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f};
        assertArrayEquals(expected, BilinearResize.resize(src, 2, 2, 1, 4, 4), 1e-6f);
    }

    @Test
    void halving_averages_each_pair_of_neighbours_without_antialiasing() {
        float[] src = {
            0, 2, 4, 6,
            8, 10, 12, 14,
            16, 18, 20, 22,
            24, 26, 28, 30};
        assertArrayEquals(new float[] {5, 9, 21, 25}, BilinearResize.resize(src, 4, 4, 1, 2, 2), 1e-6f);
    }

    @Test
    void channels_are_resampled_independently() {
        float[] src = {0, 100, 1, 101};
        float[] out = BilinearResize.resize(src, 2, 1, 2, 4, 1);
        assertArrayEquals(new float[] {0, 100, 0.25f, 100.25f, 0.75f, 100.75f, 1, 101}, out, 1e-5f);
    }
}
