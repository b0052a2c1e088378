package org.sim2word.gateway.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sim2word.gateway.TestImages;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void aPngIsAcceptedWithItsSizeAndDigest() {
        byte[] png = TestImages.generated("png", 1);
        DecodedImage image = decoder.decode("part 'a'", png);
        assertEquals("png", image.extension());
        assertEquals("image/png", image.contentType());
        assertEquals(64, image.width());
        assertEquals(64, image.height());
        assertTrue(image.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void aJpegIsStoredAsJpgWhateverTheCallerCalledIt() {
        DecodedImage image = decoder.decode("part 'a'", TestImages.generated("jpeg", 2));
        assertEquals("jpg", image.extension());
        assertEquals("image/jpeg", image.contentType());
    }

    @Test
    void theSameBytesGiveTheSameIdAndOtherBytesAnother() {
        assertEquals(decoder.decode("x", TestImages.generated("png", 3)).sha256(),
                decoder.decode("x", TestImages.generated("png", 3)).sha256());
        assertTrue(!decoder.decode("x", TestImages.generated("png", 3)).sha256()
                .equals(decoder.decode("x", TestImages.generated("png", 4)).sha256()));
    }

    @Test
    void textIsRefusedAsNotAnImageNamingThePart() {
        var e = assertThrows(UnusableImageException.class,
                () -> decoder.decode("part 'b'", "hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("part 'b' is not an image; send a JPEG or PNG face", e.getMessage());
    }

    @Test
    void aGifIsRefusedByItsFormat() {
        var e = assertThrows(UnusableImageException.class,
                () -> decoder.decode("part 'a'", TestImages.generated("gif", 5)));
        assertEquals("part 'a' is a GIF image; only JPEG and PNG are accepted", e.getMessage());
    }

    @Test
    void aTruncatedPngIsRefusedAsUndecodable() {
        byte[] png = TestImages.generated("png", 6);
        var e = assertThrows(UnusableImageException.class,
                () -> decoder.decode("part 'a'", Arrays.copyOf(png, png.length / 2)));
        assertTrue(e.getMessage().startsWith("part 'a' could not be decoded as a JPEG or PNG image"), e.getMessage());
    }

    @Test
    void anEmptyFileIsRefused() {
        var e = assertThrows(UnusableImageException.class, () -> decoder.decode("part 'a'", new byte[0]));
        assertEquals("part 'a' is empty; send a JPEG or PNG face", e.getMessage());
    }
}
