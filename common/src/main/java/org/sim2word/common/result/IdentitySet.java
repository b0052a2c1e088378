package org.sim2word.common.result;

import java.util.List;

/**
 * The identity classes chosen for one face.
 *
 * @param classes the chosen classes, best first
 * @param capHit  true when the threshold strategy stopped at {@code maxIdentities} before reaching its threshold
 */
public record IdentitySet(List<IdentityMatch> classes, boolean capHit) {
}
