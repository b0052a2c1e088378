package org.sim2word.gateway.image;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether uploaded bytes are a JPEG or PNG we can use. The whole image is decoded here, so a file that
 * would fail in the worker minutes later fails in the caller's request instead.
 */
@ApplicationScoped
public class ImageDecoder {
    private static final Set<String> ACCEPTED = Set.of("jpeg", "png");

    /**
     * @param name how to name the upload in a problem, e.g. "part 'a'"
     * @throws UnusableImageException with a sentence that names the upload and the reason
     */
    public DecodedImage decode(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new UnusableImageException(name + " is empty; send a JPEG or PNG face");
        }
        Pixels pixels;
        try {
            pixels = read(bytes);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged files with assorted runtime exceptions as well as IIOException.
            throw new UnusableImageException(name + " could not be decoded as a JPEG or PNG image: " + e.getMessage());
        }
        if (pixels == null) {
            throw new UnusableImageException(name + " is not an image; send a JPEG or PNG face");
        }
        if (pixels.image() == null) {
            throw new UnusableImageException(name + " is a " + pixels.format().toUpperCase(Locale.ROOT)
                    + " image; only JPEG and PNG are accepted");
        }
        boolean jpeg = pixels.format().equals("jpeg");
        return new DecodedImage(bytes, sha256(bytes), jpeg ? "jpg" : "png", jpeg ? "image/jpeg" : "image/png",
                pixels.image().getWidth(), pixels.image().getHeight());
    }

    /** @return null when no reader knows the bytes; an image of null when the format is not one we accept */
    private static Pixels read(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!ACCEPTED.contains(format)) {
                    return new Pixels(format, null);
                }
                reader.setInput(in, true, true);
                return new Pixels(format, reader.read(0));
            } finally {
                reader.dispose();
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Pixels(String format, BufferedImage image) {
    }
}
