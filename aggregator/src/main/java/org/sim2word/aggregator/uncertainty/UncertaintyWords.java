package org.sim2word.aggregator.uncertainty;

import java.util.List;

/**
 * The answer to {@code GET /v1/uncertainty/words} (docs/api.md).
 *
 * @param model the uncertainty model the words were filtered by, or null for every model
 * @param words the most selected first
 */
public record UncertaintyWords(String model, List<WordUncertainty> words) {
}
