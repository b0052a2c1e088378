package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The full method or one of its ablations (method §2.11). */
public enum Variant {
    /** Joint map = counterfactual map × attribute map. */
    FULL("full"),
    /** One mask from the counterfactual map alone; no attribute words. */
    NO_ATTRIBUTE("no-attribute"),
    /** Attribute maps alone, without the counterfactual map. */
    NO_COUNTERFACTUAL("no-counterfactual");

    private final String wireName;

    Variant(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Variant fromWireName(String name) {
        for (Variant v : values()) {
            if (v.wireName.equalsIgnoreCase(name.strip()) || v.name().equalsIgnoreCase(name.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + name + "' (full, no-attribute or no-counterfactual)");
    }
}
