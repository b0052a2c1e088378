package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What erased pixels become, always in 0–255 pixel space (method §2.8, §6.13). */
public enum Fill {
    BLACK,
    WHITE,
    /** The constant 125 of the original code, not a dataset mean. */
    MEAN,
    /** Independent uniform 0–255 per pixel and channel, from the job's seed. */
    RANDOM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Fill fromWireName(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fill '" + name + "' (black, white, mean or random)");
        }
    }
}
