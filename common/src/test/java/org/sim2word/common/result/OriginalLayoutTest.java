package org.sim2word.common.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;

class OriginalLayoutTest {

    @Test
    void the_text_is_formatted_as_pythons_json_dumps_with_indent_4_and_compact_separators() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Datasets", "Test");
        m.put("thresh", 0.6);
        m.put("class1", List.of(List.of(1)));
        m.put("empty", List.of());
        m.put("attributes-image1", Map.of("image1-f_attr_0", List.of(0.97, 0.77)));
        m.put("o", Map.of());
        // Expected text produced by Python 3: json.dumps(m, indent=4, separators=(',', ':'))
        String python = """
                {
                    "Datasets":"Test",
                    "thresh":0.6,
                    "class1":[
                        [
                            1
                        ]
                    ],
                    "empty":[],
                    "attributes-image1":{
                        "image1-f_attr_0":[
                            0.97,
                            0.77
                        ]
                    },
                    "o":{}
                }""";
        assertEquals(python, OriginalLayout.write(m));
    }

    @Test
    void keys_follow_the_original_order_with_one_entry_per_attribute_and_direction() {
        PairExplanation r = pair();
        Map<String, Object> layout = OriginalLayout.of(r, "johns", 0, "a.jpg", "b.jpg");
        assertEquals(List.of("Datasets", "Heatmap-method", "thresh", "topk", "verification-net", "image-path1",
                "image-path2", "match", "similarity", "class1", "class2", "Attribute1-class", "Attribute2-class",
                "Attribute1-score", "Attribute2-score", "attributes-image1", "attributes-image2",
                "attributes-both-masked"), List.copyOf(layout.keySet()));
        assertEquals(List.of(List.of(3)), layout.get("class1"));
        assertEquals(List.of(List.of(4)), layout.get("class2"));
        assertEquals(Map.of("image1-f_attr_0", List.of(0.9, 0.55), "image1-f_attr_1", List.of(0.8, 0.45)),
                layout.get("attributes-image1"));
        assertEquals("dlib-resnet29", layout.get("verification-net"));
        assertEquals(Map.of("Both_masked-f_attr_0", 0.6, "Both_masked-f_attr_1", 0.4),
                layout.get("attributes-both-masked"));
    }

    private static PairExplanation pair() {
        List<DirectionExplanation> directions = List.of(direction("a", "b", 3, 4), direction("b", "a", 4, 3));
        return new PairExplanation(PairExplanation.SCHEMA, UUID.randomUUID(), Similarity.of(0.5), directions,
                List.of(new BothMaskedScore("Gender", 0.6, Similarity.angular(0.6), true),
                        new BothMaskedScore("Age", 0.4, Similarity.angular(0.4), true)),
                List.of(new ModelRef("verification", "dlib-resnet29", "00")), ExplainOptions.defaults(),
                new Timings(0, 0, 0, 0), List.of());
    }

    private static DirectionExplanation direction(String probe, String counter, int probeId, int counterId) {
        return new DirectionExplanation(probe, counter,
                new IdentitySet(List.of(new IdentityMatch(probeId, "p", 0.9, 0.99)), false),
                new IdentitySet(List.of(new IdentityMatch(counterId, "c", 0.8, 0.98)), false),
                List.of(new AttributeScore("Gender", "Male", "m", 0, 0.9, true, 0.55, 0.9, 0.1),
                        new AttributeScore("Age", "Young", "m", 0, 0.7, true, 0.45, 0.8, 0.1)),
                List.of(), null, new DirectionFlags(false, false, false, List.of(), List.of()), List.of());
    }
}
