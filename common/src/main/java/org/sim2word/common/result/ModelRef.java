package org.sim2word.common.result;

/**
 * A model that took part in a result.
 *
 * @param role   identification, attribute or verification
 * @param name   the model's registry name
 * @param sha256 checksum of its TorchScript file
 */
public record ModelRef(String role, String name, String sha256) {
}
