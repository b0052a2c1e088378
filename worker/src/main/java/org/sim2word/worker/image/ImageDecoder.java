package org.sim2word.worker.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.sim2word.worker.engine.FaceImage;

/** Decodes an uploaded face into a canvas, or says in words why it cannot. */
public final class ImageDecoder {
    /** Below this a face carries too little detail for 7×7 Grad-CAM maps to mean anything. */
    public static final int MIN_SIDE = 32;
    /** Above this an "aligned face crop" is surely a whole photo; aligning raw photos is not supported yet. */
    public static final int MAX_SIDE = 4096;

    private ImageDecoder() {
    }

    /**
     * @param name how the face is called in error messages, e.g. "face a"
     * @throws UnusableImageException when the bytes are not a decodable JPEG or PNG of a usable size
     */
    public static FaceImage decode(byte[] bytes, String name) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new UnusableImageException(name + " could not be decoded (" + e.getMessage() + "); send a JPEG or "
                    + "PNG file");
        }
        if (image == null) {
            throw new UnusableImageException(name + " is not a JPEG or PNG image (" + bytes.length + " bytes of "
                    + "another format)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.min(w, h) < MIN_SIDE || Math.max(w, h) > MAX_SIDE) {
            throw new UnusableImageException(name + " is " + w + "×" + h + " pixels; faces must be between "
                    + MIN_SIDE + " and " + MAX_SIDE + " pixels on each side");
        }
        return FaceImage.of(w, h, rgb(image));
    }

    private static float[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h * 3];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY || bands == 1;
        if (grey) {
            // Read the samples as they are: getRGB would push grey through a colour-space conversion.
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    out[i] = out[i + 1] = out[i + 2] = row[x];
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < argb.length; p++) {
            out[p * 3] = (argb[p] >> 16) & 0xFF;
            out[p * 3 + 1] = (argb[p] >> 8) & 0xFF;
            out[p * 3 + 2] = argb[p] & 0xFF;
        }
        return out;
    }
}
