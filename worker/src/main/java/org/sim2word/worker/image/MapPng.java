package org.sim2word.worker.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;

/**
 * PNG encodings of maps: the raw map as 16-bit grey, so its values survive to 1/65535, and a colour overlay of the
 * map on the face as the original figures draw it: 0.5·JET(map) + 0.5·face (method §2.12).
 */
public final class MapPng {
    private MapPng() {
    }

    /** The map, clamped to [0, 1], as 16-bit grey where 65535 means 1. */
    public static byte[] raw(Heatmap map) {
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                float v = Math.max(0f, Math.min(1f, map.get(x, y)));
                raster.setSample(x, y, 0, Math.round(v * 65535f));
            }
        }
        return encode(image);
    }

    /** Reads a raw map back: the inverse of {@link #raw}. */
    public static Heatmap readRaw(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
            float[] v = new float[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    v[y * image.getWidth() + x] = image.getRaster().getSample(x, y, 0) / 65535f;
                }
            }
            return Heatmap.of(image.getWidth(), image.getHeight(), v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The map in the JET colour map blended half and half with the face. */
    public static byte[] overlay(Heatmap map, FaceImage face) {
        float[] rgb = face.toArray();
        BufferedImage image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                float v = Math.max(0f, Math.min(1f, map.get(x, y)));
                int i = (y * map.width() + x) * 3;
                int r = blend(jet(v, 3), rgb[i]);
                int g = blend(jet(v, 2), rgb[i + 1]);
                int b = blend(jet(v, 1), rgb[i + 2]);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(image);
    }

    /** The face itself, e.g. an erased face. */
    public static byte[] face(FaceImage face) {
        float[] rgb = face.toArray();
        BufferedImage image = new BufferedImage(face.width(), face.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < face.height(); y++) {
            for (int x = 0; x < face.width(); x++) {
                int i = (y * face.width() + x) * 3;
                image.setRGB(x, y, (clamp(rgb[i]) << 16) | (clamp(rgb[i + 1]) << 8) | clamp(rgb[i + 2]));
            }
        }
        return encode(image);
    }

    /** One channel of the JET colour map at v ∈ [0, 1]: red peaks at the top (centre 3), blue at the bottom (1). */
    private static float jet(float v, int centre) {
        return Math.max(0f, Math.min(1f, 1.5f - Math.abs(4f * v - centre)));
    }

    private static int blend(float colour, float pixel) {
        return clamp(0.5f * 255f * colour + 0.5f * pixel);
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * Through a memory cache: ImageIO's default file cache writes temporary files, which is slower, and a JVM
     * shutdown hook of ImageIO closes them under a job that is still being finished.
     */
    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
