package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of a job. Every service moves a job only along {@link #canMoveTo legal transitions}, so a job can
 * always be found in exactly one state and none is lost between them.
 *
 * <pre>
 *   QUEUED ──▶ RUNNING ──▶ SUCCEEDED
 *     │          │ ▲
 *     │          │ └─ redelivered after a worker crash (attempt + 1)
 *     ▼          ▼
 *   FAILED ◀─────┘        FAILED ──▶ QUEUED  (explicit retry)
 * </pre>
 */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    public Set<JobState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(RUNNING, SUCCEEDED, FAILED);
            case SUCCEEDED -> EnumSet.noneOf(JobState.class);
            case FAILED -> EnumSet.of(QUEUED);
        };
    }

    public boolean canMoveTo(JobState target) {
        return next().contains(target);
    }

    /** @throws IllegalJobTransitionException when {@code target} is not reachable from this state */
    public JobState moveTo(JobState target) {
        if (!canMoveTo(target)) {
            throw new IllegalJobTransitionException(this, target);
        }
        return target;
    }

    /** The lower-case name used in JSON and in the database. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobState fromWireName(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    /** The states from which a job may be moved to {@code target}, for guarded SQL updates. */
    public static Set<JobState> sourcesOf(JobState target) {
        Set<JobState> sources = EnumSet.noneOf(JobState.class);
        for (JobState s : values()) {
            if (s.canMoveTo(target)) {
                sources.add(s);
            }
        }
        return sources;
    }
}
