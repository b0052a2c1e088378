package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterfactualTest {
    private final Heatmap id = Heatmap.of(2, 2, new float[] {1, 0.5f, 0.5f, 0});
    private final Heatmap counter = Heatmap.of(2, 2, new float[] {0, 1, 0.5f, 0});

    @Test
    void it_keeps_what_supports_the_probe_and_not_the_counter_identity() {
        // H_t ⊙ (max H_f − H_f) = [1·1, 0.5·0, 0.5·0.5, 0·1] = [1, 0, 0.25, 0], already in [0, 1].
        Counterfactual cf = Counterfactual.of(id, counter, false, true);
        assertArrayEquals(new float[] {1, 0, 0.25f, 0}, cf.map().toArray(), 1e-6f);
        assertFalse(cf.fallback());
        assertFalse(cf.degenerate());
    }

    @Test
    void shared_identities_fall_back_to_the_id_map_when_asked() {
        Counterfactual cf = Counterfactual.of(id, id, true, true);
        assertSame(id, cf.map());
        assertTrue(cf.sameIdentity());
        assertTrue(cf.fallback());
    }

    @Test
    void shared_identities_keep_the_formula_when_the_fallback_is_off() {
        Counterfactual cf = Counterfactual.of(id, counter, true, false);
        assertTrue(cf.sameIdentity());
        assertFalse(cf.fallback());
    }

    @Test
    void a_constant_counterfactual_map_is_flagged_and_replaced_by_the_id_map() {
        Heatmap flat = Heatmap.of(2, 2, new float[] {0.3f, 0.3f, 0.3f, 0.3f});
        Counterfactual cf = Counterfactual.of(id, flat, false, true);
        assertTrue(cf.degenerate());
        assertTrue(cf.fallback());
        assertEquals(id, cf.map());
    }
}
