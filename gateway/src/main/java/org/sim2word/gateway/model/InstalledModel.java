package org.sim2word.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A row of table {@code installed_model}: one model as one worker announced it.
 *
 * @param descriptor the worker's {@code model.json}, as it is
 * @param seenAt     when the worker last announced the model
 */
public record InstalledModel(String name, String worker, JsonNode descriptor, String sha256, List<String> roles,
                             Instant seenAt) {

    public InstalledModel {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
