package org.sim2word.common.result;

/**
 * How u was computed.
 *
 * @param model       the model whose logits z give the evidence
 * @param substitute  true when no evidential model was used: the same formula over the identification net's class
 *                    scores, an honest stand-in, not the paper's trained evidential net
 * @param description one sentence for people
 */
public record UncertaintyMethod(String model, boolean substitute, String description) {
}
