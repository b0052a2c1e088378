package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.IdentitySet;

class IdentitySelectorTest {
    private final float[] logits = {0.1f, 0.9f, 0.5f, 0.3f};
    private final float[] probabilities = {0.1f, 0.35f, 0.3f, 0.25f};
    private final List<String> labels = List.of("w", "x", "y", "z");

    @Test
    void top_k_takes_the_k_highest_scoring_identities_best_first() {
        IdentitySet set = IdentitySelector.select(logits, probabilities, labels, options("{\"topK\":2}"));
        assertEquals(List.of("x", "y"), set.classes().stream().map(IdentityMatch::label).toList());
        assertFalse(set.capHit());
    }

    @Test
    void the_threshold_strategy_takes_the_smallest_set_whose_probability_exceeds_it() {
        IdentitySet set = IdentitySelector.select(logits, probabilities, labels,
                options("{\"strategy\":\"threshold\",\"identityThreshold\":0.6}"));
        // 0.35 + 0.3 = 0.65 > 0.6
        assertEquals(2, set.classes().size());
    }

    @Test
    void reaching_the_threshold_exactly_is_not_enough() {
        IdentitySet set = IdentitySelector.select(logits, probabilities, labels,
                options("{\"strategy\":\"threshold\",\"identityThreshold\":0.35}"));
        assertEquals(2, set.classes().size());
    }

    @Test
    void the_cap_stops_the_threshold_strategy_and_says_so() {
        IdentitySet set = IdentitySelector.select(logits, probabilities, labels,
                options("{\"strategy\":\"threshold\",\"identityThreshold\":0.9,\"maxIdentities\":2}"));
        assertEquals(2, set.classes().size());
        assertTrue(set.capHit());
    }

    @Test
    void sets_overlap_when_they_share_a_class() {
        IdentitySet one = IdentitySelector.select(logits, probabilities, labels, options("{\"topK\":2}"));
        IdentitySet other = IdentitySelector.select(new float[] {0, 0, 1, 0}, probabilities, labels,
                options("{}"));
        assertTrue(IdentitySelector.overlap(one, other));
    }

    private static ExplainOptions options(String json) {
        return Json.read(json, ExplainOptions.class);
    }
}
