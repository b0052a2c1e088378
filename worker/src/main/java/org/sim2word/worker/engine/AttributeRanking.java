package org.sim2word.worker.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.RankedWord;
import org.sim2word.common.result.Similarity;

/**
 * The words of one direction: eligible attributes sorted by the similarity their erasure left, highest first
 * (method §2.9). An attribute is valid when erasing it made the faces more alike than they were (s_i &gt; s0).
 */
public record AttributeRanking(List<RankedWord> words, String mostCharacteristic) {

    public static AttributeRanking of(List<AttributeScore> attributes, double s0) {
        // A stable sort keeps the models' attribute order among equal scores, so rankings are reproducible.
        List<AttributeScore> eligible = attributes.stream()
                .filter(AttributeScore::eligible)
                .sorted(Comparator.comparingDouble(AttributeScore::score).reversed())
                .toList();
        List<RankedWord> words = new ArrayList<>(eligible.size());
        for (AttributeScore a : eligible) {
            words.add(new RankedWord(words.size() + 1, a.attribute(), a.word(), a.score(),
                    Similarity.angular(a.score()), a.score() - s0, a.score() > s0));
        }
        String most = words.stream().filter(RankedWord::valid).map(RankedWord::word).findFirst().orElse(null);
        return new AttributeRanking(List.copyOf(words), most);
    }
}
