package org.sim2word.gateway.image;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.sim2word.common.storage.StorageKeys;
import org.sim2word.gateway.storage.ObjectStore;

/**
 * The faces the gateway holds. A face is written to S3 before its row exists, so a row never names a missing
 * object; storing the same bytes again changes nothing.
 */
@ApplicationScoped
public class ImageCatalog {
    private static final Logger LOG = Logger.getLogger(ImageCatalog.class);

    private final ImageRepository images;
    private final ObjectStore store;

    public ImageCatalog(ImageRepository images, ObjectStore store) {
        this.images = images;
        this.store = store;
    }

    /** @param created false when these bytes were already held */
    public record Added(StoredImage image, boolean created) {
    }

    public Added add(DecodedImage face) {
        var known = images.find(face.sha256());
        if (known.isPresent()) {
            return new Added(known.get(), false);
        }
        String key = StorageKeys.image(face.sha256(), face.extension());
        store.put(key, face.bytes(), face.contentType());
        StoredImage image = new StoredImage(face.sha256(), key, face.contentType(), face.width(), face.height());
        boolean created = images.insert(image, face.bytes().length);
        if (created) {
            LOG.infof("Stored a new face %s (%dx%d %s, %d bytes) as %s", image.id(), image.width(), image.height(),
                    image.contentType(), face.bytes().length, key);
        }
        return new Added(image, created);
    }
}
