package org.sim2word.gateway.model;

import java.util.Locale;

/** The roles a job chooses models for, as the descriptors name them (docs/models.md). */
public enum ModelRole {
    IDENTIFICATION,
    ATTRIBUTE,
    VERIFICATION,
    /** An evidential net: role {@code uncertainty}, or at least a descriptor with an {@code uncertainty} block. */
    UNCERTAINTY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a registered model can fill this role. */
    boolean isServedBy(RegisteredModel model) {
        return model.roles().contains(wireName()) || (this == UNCERTAINTY && model.evidential());
    }
}
