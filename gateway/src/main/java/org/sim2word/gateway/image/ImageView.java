package org.sim2word.gateway.image;

/** The answer to an image upload (docs/api.md). */
public record ImageView(String id, int width, int height, String contentType) {

    static ImageView of(StoredImage image) {
        return new ImageView(image.id(), image.width(), image.height(), image.contentType());
    }
}
