package org.sim2word.gateway;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Faces for tests: the johns photos when they were fetched, otherwise small generated pictures. */
public final class TestImages {

    private TestImages() {
    }

    /** A distinct image per {@code n}, so tests that need new images do not collide with earlier uploads. */
    public static byte[] face(long n) {
        List<Path> photos = johnsPhotos();
        if (n < photos.size()) {
            try {
                return Files.readAllBytes(photos.get((int) n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated("png", n);
    }

    /** Whether the johns photos were fetched, so {@link #face} returns real JPEG faces. */
    public static boolean hasJohns() {
        return !johnsPhotos().isEmpty();
    }

    /** A 64×64 picture whose colours depend on {@code seed}. */
    public static byte[] generated(String format, long seed) {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (seed * 2654435761L) & 0xFFFFFF));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color((int) (seed * 40503L + 12345) & 0xFFFFFF));
        g.fillOval(16, 12, 32, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<Path> johnsPhotos() {
        Path johns = Path.of(System.getProperty("sim2word.home", ".sim2word"), "faces", "johns");
        if (!Files.isDirectory(johns)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(johns, 2)) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
