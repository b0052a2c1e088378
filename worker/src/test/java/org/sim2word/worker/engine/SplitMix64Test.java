package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void it_produces_the_reference_sequence_of_the_published_algorithm() {
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void the_random_fill_is_reproducible_from_its_seed() {
        assertArrayEquals(FaceImage.noise(8, 8, 7).toArray(), FaceImage.noise(8, 8, 7).toArray());
    }
}
