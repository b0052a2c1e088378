package org.sim2word.gateway.job;

import java.util.UUID;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.gateway.image.StoredImage;

/** An identification job about to be inserted: one face and its options. */
public record NewIdentification(UUID id, StoredImage face, IdentifyOptions options) {

    public static NewIdentification of(StoredImage face, IdentifyOptions options) {
        return new NewIdentification(UUID.randomUUID(), face, options);
    }
}
