package org.sim2word.gateway.model;

import java.util.List;

/**
 * What checking a job's model names needs to know of an installed model.
 *
 * @param evidential whether its descriptor has an {@code uncertainty} block
 */
public record RegisteredModel(String name, List<String> roles, boolean evidential) {

    public RegisteredModel {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
