package org.sim2word.common.result;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.common.job.IdentityStrategy;
import org.sim2word.common.json.Json;

/**
 * A pair result in the JSON layout of the original repository's {@code json/{n}.json} (method §4.1), for scripts
 * written against it. Keys keep the original order (the original readers take {@code dict.values()} in order) and
 * the text follows {@code json.dumps(indent=4, separators=(',',':'))}. Attribute keys run over this result's
 * attributes in their order, where the original had exactly 30.
 */
public final class OriginalLayout {
    private OriginalLayout() {
    }

    /**
     * @param dataset    the {@code Datasets} value, e.g. the evaluation's name, or "Test"
     * @param label      1 for the same person, 0 for different people, null when unknown (written as 0)
     * @param imagePath1 the first image's path or storage key
     * @param imagePath2 the second's
     */
    public static Map<String, Object> of(PairExplanation r, String dataset, Integer label, String imagePath1,
                                         String imagePath2) {
        Map<String, Object> m = new LinkedHashMap<>();
        DirectionExplanation first = direction(r, "a");
        DirectionExplanation second = direction(r, "b");
        m.put("Datasets", dataset);
        m.put("Heatmap-method", "GradCAM");
        m.put("thresh", r.options().eraseThreshold());
        if (r.options().strategy() == IdentityStrategy.TOP_K) {
            m.put("topk", r.options().topK());
        } else {
            m.put("id-thresh", r.options().identityThreshold());
        }
        m.put("verification-net", r.models().stream().filter(x -> x.role().equals("verification"))
                .map(ModelRef::name).findFirst().orElse(null));
        m.put("image-path1", imagePath1);
        m.put("image-path2", imagePath2);
        m.put("match", label == null ? 0 : label);
        m.put("similarity", r.similarity().cosine());
        m.put("class1", classes(first.probeIdentities(), r.options().strategy()));
        m.put("class2", classes(first.counterIdentities(), r.options().strategy()));
        m.put("Attribute1-class", first.attributes().stream().map(AttributeScore::classIndex).toList());
        m.put("Attribute2-class", second == null ? List.of()
                : second.attributes().stream().map(AttributeScore::classIndex).toList());
        m.put("Attribute1-score", first.attributes().stream().map(AttributeScore::probability).toList());
        m.put("Attribute2-score", second == null ? List.of()
                : second.attributes().stream().map(AttributeScore::probability).toList());
        m.put("attributes-image1", erased(first, "image1"));
        if (second != null) {
            m.put("attributes-image2", erased(second, "image2"));
            Map<String, Object> both = new LinkedHashMap<>();
            for (int i = 0; i < r.bothMasked().size(); i++) {
                both.put("Both_masked-f_attr_" + i, r.bothMasked().get(i).score());
            }
            m.put("attributes-both-masked", both);
        }
        return m;
    }

    /** The layout as text, formatted as the original {@code json.dumps(indent=4, separators=(',',':'))}. */
    public static String write(Map<String, Object> layout) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
        try {
            return Json.mapper().writer(printer).writeValueAsString(layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** [cos(V(E_i), V(probe)), cos(V(E_i), V(counter))] per attribute i, keyed image{n}-f_attr_{i}. */
    private static Map<String, Object> erased(DirectionExplanation d, String image) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < d.attributes().size(); i++) {
            AttributeScore a = d.attributes().get(i);
            out.put(image + "-f_attr_" + i, List.of(a.selfScore(), a.score()));
        }
        return out;
    }

    /** Top-k sets were stored as a 1×k nested list, threshold sets as a flat list. */
    private static Object classes(IdentitySet set, IdentityStrategy strategy) {
        List<Integer> indices = new ArrayList<>(set.classes().stream().map(IdentityMatch::index).toList());
        return strategy == IdentityStrategy.TOP_K ? List.of(indices) : indices;
    }

    private static DirectionExplanation direction(PairExplanation r, String probe) {
        return r.directions().stream().filter(d -> d.probe().equals(probe)).findFirst().orElse(null);
    }
}
