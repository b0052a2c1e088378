package org.sim2word.worker.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeUncertainty;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.IdentificationExplanation;
import org.sim2word.common.result.UncertaintyBar;
import org.sim2word.worker.Johns;

/** Method §4.5 on a real face with the real models and the labelled uncertainty substitute. */
class IdentificationExplainerTest {

    @Test
    void an_unenrolled_photo_is_identified_and_each_attribute_gets_the_uncertainty_its_erasure_left() {
        IdentificationExplanation r = explain("{}");
        assertEquals("John_Schneider", r.predicted().label());
        assertTrue(r.method().substitute(), "no evidential net is installed: the result says it is a substitute");
        assertTrue(r.original() > 0 && r.original() <= 1, "u lies in (0, 1]: " + r.original());
        assertEquals(List.of("Gender", "Age"), r.attributes().stream().map(AttributeUncertainty::attribute).toList());
        assertEquals(List.of(1, 2), r.attributes().stream().map(AttributeUncertainty::rank).sorted().toList());
        for (AttributeUncertainty a : r.attributes()) {
            assertEquals(a.uncertainty() - r.original(), a.delta(), 1e-12);
            assertEquals(a.eligible() && a.probability() > 0.8, a.selected());
            assertTrue(a.erasedFraction() > 0, "τ = 0.1 erases large regions: " + a);
        }
        // The ID map, then map, joint map and mask of each attribute, all at the face's size.
        assertEquals(1 + 3 * r.attributes().size(), r.heatmaps().size());
        assertTrue(r.heatmaps().stream().allMatch(h -> h.width() == 150 && h.height() == 150));
    }

    @Test
    void the_chart_shows_the_original_then_the_selected_words_by_uncertainty() {
        IdentificationExplanation r = explain("{\"confidence\":0.0}");
        List<UncertaintyBar> chart = r.chart();
        assertEquals(new UncertaintyBar("Original", r.original(), true), chart.get(0));
        assertEquals(1 + r.attributes().stream().filter(AttributeUncertainty::selected).count(), chart.size());
        assertTrue(IntStream.range(2, chart.size()).allMatch(i -> chart.get(i - 1).value() >= chart.get(i).value()));
    }

    @Test
    void erasing_nothing_leaves_the_uncertainty_unchanged() {
        IdentificationExplanation r = explain("{\"eraseThreshold\":0.9999999}");
        for (AttributeUncertainty a : r.attributes()) {
            if (a.erasedFraction() == 0) {
                assertEquals(r.original(), a.uncertainty(), 0.0);
            }
        }
    }

    private static IdentificationExplanation explain(String options) {
        IdentificationExplainer explainer = Johns.explainers().forIdentification("hse-faceres",
                List.of("hse-faceres"), null);
        IdentifyOptions o = Json.read(options, IdentifyOptions.class);
        IdentificationExplanation r = explainer.explain(UUID.randomUUID(), Johns.face("John_Schneider", 6), o, 0,
                stage -> { }).result();
        assertEquals(o, r.options());
        assertTrue(r.heatmaps().stream().map(HeatmapRef::rawKey).allMatch(k -> k.contains("/a/")));
        return r;
    }
}
