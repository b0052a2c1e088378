package org.sim2word.worker.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.json.Json;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.result.RankedWord;
import org.sim2word.worker.Johns;
import org.sim2word.worker.engine.FaceImage;

/** The whole method on real faces and real models (no services involved). */
class PairExplainerTest {
    private static PairExplainer explainer;
    private static FaceImage salley;
    private static FaceImage savage;

    @BeforeAll
    static void loadModels() {
        explainer = Johns.explainer();
        salley = Johns.face("John_Salley", 5);
        savage = Johns.face("John_Savage", 6);
    }

    @Test
    void a_pair_of_different_people_is_explained_both_ways_with_every_map_at_canvas_size() {
        ExplainedPair pair = explain(salley, savage, "{}");
        PairExplanation r = pair.result();
        assertEquals(2, r.directions().size());
        DirectionExplanation ab = r.directions().get(0);
        assertEquals("a", ab.probe());
        assertEquals("John_Salley", ab.probeIdentities().classes().get(0).label(), "unenrolled photo identified");
        assertEquals("John_Savage", ab.counterIdentities().classes().get(0).label());
        assertFalse(ab.flags().sameIdentity());
        for (DirectionExplanation d : r.directions()) {
            assertEquals(List.of("Gender", "Age"), d.attributes().stream().map(AttributeScore::attribute).toList());
            // ID, counter-ID, counterfactual, then attribute, joint and mask per attribute.
            assertEquals(3 + 3 * d.attributes().size(), d.heatmaps().size());
            for (HeatmapRef h : d.heatmaps()) {
                assertEquals(150, h.width());
                assertEquals(150, h.height());
                assertTrue(h.rawKey().startsWith("jobs/" + r.jobId() + "/" + d.probe() + "/"), h.rawKey());
            }
            assertRankingConsistent(d, r.similarity().cosine());
        }
        assertEquals(r.directions().stream().mapToInt(d -> d.heatmaps().size()).sum(), pair.maps().size());
        assertEquals(2, r.bothMasked().size());
    }

    @Test
    void photos_of_one_person_share_an_identity_and_use_the_id_map() {
        PairExplanation r = explain(salley, Johns.face("John_Salley", 8), "{}").result();
        for (DirectionExplanation d : r.directions()) {
            assertTrue(d.flags().sameIdentity());
            assertTrue(d.flags().fallbackToIdMap());
        }
        assertTrue(r.similarity().cosine() > 0.9, "same person: s0 = " + r.similarity().cosine());
    }

    @Test
    void photos_of_the_same_person_are_more_similar_than_photos_of_different_people() {
        double genuine = explain(savage, Johns.face("John_Savage", 9), "{\"bothDirections\":false}")
                .result().similarity().cosine();
        double impostor = explain(salley, savage, "{\"bothDirections\":false}").result().similarity().cosine();
        assertTrue(genuine > impostor, "genuine " + genuine + " vs impostor " + impostor);
    }

    @Test
    void a_threshold_above_every_joint_value_erases_nothing_and_says_so() {
        ExplainedPair pair = explain(salley, savage, "{\"eraseThreshold\":0.9999,\"normalizeJoint\":false}");
        for (DirectionExplanation d : pair.result().directions()) {
            assertEquals(List.of("Gender", "Age"), d.flags().emptyMasks());
            for (AttributeScore a : d.attributes()) {
                assertEquals(pair.result().similarity().cosine(), a.score(), 0.0, "s_i = s0 exactly");
                assertEquals(0.0, a.erasedFraction());
            }
            assertNull(d.mostCharacteristic());
        }
    }

    @Test
    void one_direction_explains_only_a_and_has_no_both_masked_scores() {
        PairExplanation r = explain(salley, savage, "{\"bothDirections\":false}").result();
        assertEquals(1, r.directions().size());
        assertTrue(r.bothMasked().isEmpty());
    }

    @Test
    void the_no_attribute_ablation_erases_the_counterfactual_region_alone() {
        DirectionExplanation d = explain(salley, savage, "{\"variant\":\"no-attribute\"}").result().directions().get(0);
        assertEquals(List.of(PairExplainer.COUNTERFACTUAL_REGION),
                d.attributes().stream().map(AttributeScore::attribute).toList());
        assertFalse(d.heatmaps().stream().anyMatch(h -> h.kind() == HeatmapKind.ATTRIBUTE));
    }

    @Test
    void the_no_counterfactual_ablation_draws_no_identity_maps() {
        DirectionExplanation d = explain(salley, savage, "{\"variant\":\"no-counterfactual\"}").result()
                .directions().get(0);
        assertFalse(d.heatmaps().stream().anyMatch(h -> h.kind() == HeatmapKind.COUNTERFACTUAL));
        assertEquals(2, d.attributes().size());
    }

    @Test
    void the_random_fill_is_reproducible_from_its_seed_and_changes_with_it() {
        double first = erasedScore(explain(salley, savage, "{\"fill\":\"random\",\"seed\":1}"));
        double again = erasedScore(explain(salley, savage, "{\"fill\":\"random\",\"seed\":1}"));
        double other = erasedScore(explain(salley, savage, "{\"fill\":\"random\",\"seed\":2}"));
        assertEquals(first, again, 0.0);
        assertNotEquals(first, other);
    }

    private static double erasedScore(ExplainedPair pair) {
        return pair.result().directions().get(0).attributes().get(0).score();
    }

    @Test
    void a_face_the_landmark_model_cannot_read_is_explained_without_its_words_and_the_result_says_so() {
        PairExplainer withLandmarks = Johns.explainers().forChoice(
                new ModelChoice("hse-faceres", List.of("hse-faceres", "facemesh"), "dlib-resnet29"));
        FaceImage noFace = FaceImage.noise(150, 150, 7);
        PairExplanation r = withLandmarks.explain(UUID.randomUUID(), salley, noFace, ExplainOptions.defaults(), 0,
                stage -> { }).result();

        DirectionExplanation fromSalley = r.directions().get(0);
        assertEquals(List.of(), fromSalley.flags().unreadModels());
        assertTrue(fromSalley.attributes().stream().anyMatch(a -> a.model().equals("facemesh")));
        DirectionExplanation fromNoise = r.directions().get(1);
        assertEquals(List.of("facemesh"), fromNoise.flags().unreadModels());
        assertEquals(List.of("Gender", "Age"), fromNoise.attributes().stream().map(AttributeScore::attribute)
                .toList());
    }

    private static void assertRankingConsistent(DirectionExplanation d, double s0) {
        List<RankedWord> ranking = d.ranking();
        for (int i = 1; i < ranking.size(); i++) {
            assertTrue(ranking.get(i - 1).score() >= ranking.get(i).score(), "ranking is sorted");
        }
        for (RankedWord w : ranking) {
            assertEquals(w.score() > s0, w.valid());
            assertEquals(w.score() - s0, w.delta(), 1e-12);
        }
        String firstValid = ranking.stream().filter(RankedWord::valid).map(RankedWord::word).findFirst().orElse(null);
        assertEquals(firstValid, d.mostCharacteristic());
        for (AttributeScore a : d.attributes()) {
            assertTrue(a.erasedFraction() >= 0 && a.erasedFraction() <= 1);
            assertTrue(a.probability() > 0 && a.probability() <= 1);
        }
    }

    private static ExplainedPair explain(FaceImage a, FaceImage b, String options) {
        return explainer.explain(UUID.randomUUID(), a, b, Json.read(options, ExplainOptions.class), 0, stage -> { });
    }
}
