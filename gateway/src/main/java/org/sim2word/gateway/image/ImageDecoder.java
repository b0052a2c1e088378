package org.sim2word.gateway.image;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sim2word.common.image.FaceImageFile;
import org.sim2word.common.image.ImageRejectedException;

/**
 * Decides whether uploaded bytes are a face image we can use ({@link FaceImageFile}, the worker's decoder too). The
 * whole image is decoded here, so a file that would fail in the worker minutes later fails in the caller's request.
 */
@ApplicationScoped
public class ImageDecoder {

    /**
     * @param name how to name the upload in a problem, e.g. "part 'a'"
     * @throws UnusableImageException with a sentence that names the upload and the reason
     */
    public DecodedImage decode(String name, byte[] bytes) {
        FaceImageFile file;
        try {
            file = FaceImageFile.decode(bytes, name);
        } catch (ImageRejectedException e) {
            throw new UnusableImageException(e.getMessage());
        }
        boolean jpeg = file.format().equals("jpeg");
        return new DecodedImage(bytes, sha256(bytes), jpeg ? "jpg" : "png", file.contentType(), file.width(),
                file.height());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
