package org.sim2word.common.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The maps of one direction (method §1.3). */
public enum HeatmapKind {
    /** H_t: what makes the probe its own identities. */
    ID("id"),
    /** H_f: what in the probe supports the counter face's identities. */
    COUNTER_ID("counter-id"),
    /** H_d: supports the probe's identity and not the counter's. */
    COUNTERFACTUAL("counterfactual"),
    /** H_attr,i: Grad-CAM of attribute i at its predicted class. */
    ATTRIBUTE("attribute"),
    /** J_i = H_d ⊙ H_attr,i. */
    JOINT("joint"),
    /** The erase mask of attribute i (1 = erased); its overlay is the erased face. */
    MASK("mask");

    private final String wireName;

    HeatmapKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static HeatmapKind fromWireName(String name) {
        for (HeatmapKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown heatmap kind '" + name + "'");
    }
}
