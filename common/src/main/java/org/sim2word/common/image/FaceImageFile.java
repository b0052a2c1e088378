package org.sim2word.common.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A face image as the gateway accepts it and the worker reads it: a complete JPEG or PNG, 32 to 4096 pixels a side,
 * as 8-bit RGB. One decoder for both, so what the gateway lets through is exactly what a worker can explain.
 *
 * @param format "jpeg" or "png"
 * @param rgb    the pixels, row by row, 3 bytes each (0–255 as unsigned)
 */
public record FaceImageFile(String format, int width, int height, byte[] rgb) {
    /** Below this a face carries too little detail for 7×7 Grad-CAM maps to mean anything. */
    public static final int MIN_SIDE = 32;
    /** Above this the pixels alone take hundreds of megabytes in a worker; larger photos must be shrunk first. */
    public static final int MAX_SIDE = 4096;
    private static final Set<String> ACCEPTED = Set.of("jpeg", "png");

    /**
     * @param name how the image is called in messages, e.g. "face a" or "part 'a'"
     * @throws ImageRejectedException when the bytes are empty, not a JPEG or PNG, damaged or cut short, or of a
     *                                size outside [{@value #MIN_SIDE}, {@value #MAX_SIDE}]
     */
    public static FaceImageFile decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new ImageRejectedException(name + " is empty; send a JPEG or PNG face");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(name + " is not an image; send a JPEG or PNG face");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED.contains(format)) {
                    throw new ImageRejectedException(name + " is a " + format.toUpperCase(Locale.ROOT)
                            + " image; only JPEG and PNG are accepted");
                }
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                // Checked before decoding: a small file can claim a huge canvas, and decoding it would take the memory.
                if (Math.min(w, h) < MIN_SIDE || Math.max(w, h) > MAX_SIDE) {
                    throw new ImageRejectedException(name + " is " + w + "×" + h + " pixels; faces must be between "
                            + MIN_SIDE + " and " + MAX_SIDE + " pixels on each side");
                }
                // ImageIO decodes a JPEG cut short with a warning, filling the rest grey; such a face is damaged.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new ImageRejectedException(name + " is damaged (" + String.join("; ", warnings)
                            + "); send the complete file");
                }
                return new FaceImageFile(format, w, h, rgb(image));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // ImageIO reports damaged files with assorted runtime exceptions as well as IIOException.
            throw new ImageRejectedException(name + " could not be decoded as a JPEG or PNG image: " + e.getMessage());
        }
    }

    /** The content type of the format. */
    public String contentType() {
        return format.equals("jpeg") ? "image/jpeg" : "image/png";
    }

    /**
     * 8-bit RGB. Grey images are read sample by sample, scaled from their bit depth: Java's grey colour space is
     * linear, so converting it to sRGB would brighten every face, and 16-bit samples are not 8-bit ones.
     */
    private static byte[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = image.getRaster();
            double scale = 255.0 / ((1 << raster.getSampleModel().getSampleSize(0)) - 1);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) Math.round(row[x] * scale);
                    int i = (y * w + x) * 3;
                    out[i] = v;
                    out[i + 1] = v;
                    out[i + 2] = v;
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < argb.length; p++) {
            out[p * 3] = (byte) (argb[p] >> 16);
            out[p * 3 + 1] = (byte) (argb[p] >> 8);
            out[p * 3 + 2] = (byte) argb[p];
        }
        return out;
    }
}
