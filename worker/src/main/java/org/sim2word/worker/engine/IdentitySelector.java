package org.sim2word.worker.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.IdentityStrategy;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.IdentitySet;

/** Chooses a face's identity set K from the identification net's class scores (method §2.4). */
public final class IdentitySelector {
    private IdentitySelector() {
    }

    /**
     * @param logits        the Grad-CAM target score of each class (logits, or cosines for a cosine classifier)
     * @param probabilities softmax probabilities of the same classes
     * @param labels        class names
     */
    public static IdentitySet select(float[] logits, float[] probabilities, List<String> labels,
                                     ExplainOptions options) {
        if (logits.length != probabilities.length || logits.length != labels.size()) {
            throw new IllegalArgumentException("logits, probabilities and labels differ in length");
        }
        // Ranking by logit equals ranking by probability: softmax is monotonic.
        List<Integer> order = IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> logits[i]).reversed())
                .toList();
        int count;
        boolean capHit = false;
        if (options.strategy() == IdentityStrategy.TOP_K) {
            count = Math.min(options.topK(), order.size());
        } else {
            int cap = Math.min(options.maxIdentities(), order.size());
            double cumulative = 0;
            count = 0;
            while (count < cap && !(cumulative > options.identityThreshold())) {
                cumulative += probabilities[order.get(count)];
                count++;
            }
            capHit = !(cumulative > options.identityThreshold());
        }
        List<IdentityMatch> chosen = new ArrayList<>(count);
        for (int i : order.subList(0, count)) {
            chosen.add(new IdentityMatch(i, labels.get(i), logits[i], probabilities[i]));
        }
        return new IdentitySet(List.copyOf(chosen), capHit);
    }

    /** Whether two identity sets share a class: then H_f ≈ H_t and the counterfactual map is noise (§6.4). */
    public static boolean overlap(IdentitySet a, IdentitySet b) {
        return a.classes().stream().anyMatch(x -> b.classes().stream().anyMatch(y -> y.index() == x.index()));
    }
}
