package org.sim2word.common.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;
import org.sim2word.common.json.Json;

class ExplainOptionsTest {

    @Test
    void an_empty_request_takes_the_defaults_of_the_method_scripts() {
        ExplainOptions o = Json.read("{}", ExplainOptions.class);
        assertEquals(ExplainOptions.defaults(), o);
        assertEquals(IdentityStrategy.TOP_K, o.strategy());
        assertEquals(1, o.topK());
        assertEquals(0.6, o.eraseThreshold());
        assertEquals(Fill.BLACK, o.fill());
        assertTrue(o.normalizeJoint());
        assertTrue(o.bothDirections());
        assertEquals(Variant.FULL, o.variant());
        assertTrue(o.problems().isEmpty());
    }

    @Test
    void given_fields_override_defaults_and_survive_a_round_trip() {
        ExplainOptions o = Json.read(
                "{\"strategy\":\"threshold\",\"identityThreshold\":0.5,\"fill\":\"random\",\"seed\":7,"
                        + "\"normalizeJoint\":false,\"variant\":\"no-counterfactual\"}", ExplainOptions.class);
        assertEquals(IdentityStrategy.PROBABILITY_THRESHOLD, o.strategy());
        assertEquals(0.5, o.identityThreshold());
        assertEquals(Fill.RANDOM, o.fill());
        assertEquals(7L, o.seed());
        assertFalse(o.normalizeJoint());
        assertEquals(Variant.NO_COUNTERFACTUAL, o.variant());
        assertEquals(o, Json.read(Json.write(o), ExplainOptions.class));
    }

    @Test
    void out_of_range_values_are_reported_in_words() {
        ExplainOptions o = Json.read("{\"topK\":0,\"eraseThreshold\":1.5}", ExplainOptions.class);
        assertEquals(2, o.problems().size());
        assertTrue(o.problems().get(0).contains("topK must be at least 1"));
        assertTrue(o.problems().get(1).contains("eraseThreshold must lie in [0, 1)"));
    }

    @Test
    void an_unknown_fill_names_the_accepted_ones() {
        Exception e = assertThrows(Exception.class, () -> Json.mapper().readValue("{\"fill\":\"pink\"}",
                ExplainOptions.class));
        assertTrue(e.getMessage().contains("black, white, mean or random"), e.getMessage());
    }
}
