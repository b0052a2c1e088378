package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the identification net's identity set K is chosen for each face (method §2.4). */
public enum IdentityStrategy {
    /** The k classes with the highest scores. */
    TOP_K("topk"),
    /** The smallest set of top classes whose probabilities add up to more than a threshold, capped. */
    PROBABILITY_THRESHOLD("threshold");

    private final String wireName;

    IdentityStrategy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static IdentityStrategy fromWireName(String name) {
        for (IdentityStrategy s : values()) {
            if (s.wireName.equalsIgnoreCase(name.strip()) || s.name().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown identity strategy '" + name + "' (topk or threshold)");
    }
}
