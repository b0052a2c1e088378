package org.sim2word.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.RankedWord;
import org.sim2word.common.result.Similarity;

class AttributeRankingTest {

    @Test
    void eligible_attributes_are_ranked_by_erased_similarity_and_valid_when_above_s0() {
        List<AttributeScore> scores = List.of(
                score("Gender", "Male", true, 0.52),
                score("Smiling", "Smiling", false, 0.90),
                score("Age", "Young", true, 0.61),
                score("Mouth Open", "Mouth Open", true, 0.40));
        AttributeRanking ranking = AttributeRanking.of(scores, 0.5);
        assertEquals(List.of("Young", "Male", "Mouth Open"), ranking.words().stream().map(RankedWord::word).toList());
        RankedWord first = ranking.words().get(0);
        assertEquals(1, first.rank());
        assertEquals(0.61 - 0.5, first.delta(), 1e-12);
        assertEquals(Similarity.angular(0.61), first.angular(), 1e-12);
        assertTrue(first.valid());
        assertFalse(ranking.words().get(2).valid());
        assertEquals("Young", ranking.mostCharacteristic());
    }

    @Test
    void without_a_valid_word_there_is_no_most_characteristic_attribute() {
        AttributeRanking ranking = AttributeRanking.of(List.of(score("Gender", "Male", true, 0.5)), 0.5);
        assertFalse(ranking.words().get(0).valid());
        assertNull(ranking.mostCharacteristic());
    }

    private static AttributeScore score(String attribute, String word, boolean eligible, double s) {
        return new AttributeScore(attribute, word, "test", 0, 0.9, eligible, s, 0.9, 0.1);
    }
}
