package org.sim2word.worker.image;

import org.sim2word.common.image.FaceImageFile;
import org.sim2word.common.image.ImageRejectedException;
import org.sim2word.worker.engine.FaceImage;

/** Decodes an uploaded face into a canvas, or says in words why it cannot ({@link FaceImageFile}). */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * @param name how the face is called in error messages, e.g. "face a"
     * @throws UnusableImageException when the bytes are not a complete JPEG or PNG of a usable size
     */
    public static FaceImage decode(byte[] bytes, String name) {
        FaceImageFile file;
        try {
            file = FaceImageFile.decode(bytes, name);
        } catch (ImageRejectedException e) {
            throw new UnusableImageException(e.getMessage());
        }
        byte[] rgb = file.rgb();
        float[] pixels = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            pixels[i] = rgb[i] & 0xFF;
        }
        return FaceImage.of(file.width(), file.height(), pixels);
    }
}
