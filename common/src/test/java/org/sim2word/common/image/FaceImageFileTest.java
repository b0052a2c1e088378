package org.sim2word.common.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FaceImageFileTest {

    @Test
    void a_colour_jpeg_is_read_as_its_rgb_pixels() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 40, 90));
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        FaceImageFile file = FaceImageFile.decode(encode(image, "jpeg"), "face a");
        assertEquals("jpeg", file.format());
        assertEquals(64, file.width());
        assertEquals(48, file.height());
        int centre = (24 * 64 + 32) * 3;
        assertEquals(200, file.rgb()[centre] & 0xFF, 3);
        assertEquals(40, file.rgb()[centre + 1] & 0xFF, 3);
        assertEquals(90, file.rgb()[centre + 2] & 0xFF, 3);
    }

    @Test
    void a_16_bit_grey_png_keeps_its_grey_levels_instead_of_turning_white() throws IOException {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.getRaster().setSample(x, y, 0, x < 20 ? 128 * 257 : 30 * 257);
            }
        }
        byte[] rgb = FaceImageFile.decode(encode(image, "png"), "face a").rgb();
        assertEquals(128, rgb[0] & 0xFF);
        assertEquals(128, rgb[2] & 0xFF);
        assertEquals(30, rgb[(39 * 40 + 39) * 3] & 0xFF);
    }

    @Test
    void an_8_bit_grey_image_is_not_brightened_by_a_colour_space_conversion() throws IOException {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.getRaster().setSample(x, y, 0, 100);
            }
        }
        assertEquals(100, FaceImageFile.decode(encode(image, "png"), "face a").rgb()[0] & 0xFF);
    }

    @Test
    void a_jpeg_cut_short_is_refused_as_damaged() throws IOException {
        BufferedImage image = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                image.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | ((x * y) & 0xFF));
            }
        }
        byte[] whole = encode(image, "jpeg");
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> FaceImageFile.decode(cut, "face b"));
        assertTrue(e.getMessage().startsWith("face b is damaged (") || e.getMessage().startsWith(
                "face b could not be decoded"), e.getMessage());
    }

    @Test
    void a_png_that_claims_a_huge_canvas_is_refused_before_it_is_decoded() {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> FaceImageFile.decode(pngHeaderOnly(20000, 20000), "face a"));
        assertEquals("face a is 20000×20000 pixels; faces must be between 32 and 4096 pixels on each side",
                e.getMessage());
    }

    @Test
    void a_tiny_image_is_refused_with_the_limits() throws IOException {
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> FaceImageFile.decode(encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"),
                        "face a"));
        assertEquals("face a is 1×1 pixels; faces must be between 32 and 4096 pixels on each side", e.getMessage());
    }

    @Test
    void a_gif_and_text_are_refused_by_what_they_are() throws IOException {
        assertEquals("part 'a' is a GIF image; only JPEG and PNG are accepted", assertThrows(
                ImageRejectedException.class, () -> FaceImageFile.decode(encode(
                        new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "gif"), "part 'a'")).getMessage());
        assertEquals("part 'a' is not an image; send a JPEG or PNG face", assertThrows(ImageRejectedException.class,
                () -> FaceImageFile.decode("hello".getBytes(StandardCharsets.UTF_8), "part 'a'")).getMessage());
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    /** The PNG signature and an IHDR chunk (8-bit RGB): enough for a reader to tell the size, no pixels at all. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
