package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a job asks the worker to explain. */
public enum JobKind {
    /** Why two faces are (dis)similar: ranked attribute words, both directions (method §1–2). */
    PAIR,
    /** Which attributes one face's identification rests on, by the uncertainty their erasure adds (method §4.5). */
    IDENTIFY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobKind fromWireName(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
