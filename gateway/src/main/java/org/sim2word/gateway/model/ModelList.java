package org.sim2word.gateway.model;

import java.util.List;

/** The answer to {@code GET /v1/models} (docs/api.md): every installed model, by name. */
public record ModelList(List<ModelView> models) {
}
