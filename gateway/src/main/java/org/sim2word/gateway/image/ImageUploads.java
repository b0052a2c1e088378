package org.sim2word.gateway.image;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.sim2word.gateway.GatewayConfig;
import org.sim2word.gateway.api.ApiException;

/** Turns a multipart file part into a decoded face, enforcing the size limit before reading it into memory. */
@ApplicationScoped
public class ImageUploads {
    private final ImageDecoder decoder;
    private final long maxBytes;

    public ImageUploads(ImageDecoder decoder, GatewayConfig config) {
        this.decoder = decoder;
        this.maxBytes = config.maxImageBytes().asLongValue();
    }

    /**
     * @param problems receives the reason when the part is missing or unusable, so a request can report every bad
     *                 part at once
     * @return the face, or empty after a problem was added
     * @throws ApiException 413 when the part is over the size limit
     */
    public Optional<DecodedImage> read(String part, FileUpload upload, List<String> problems) {
        String name = "part '" + part + "'";
        if (upload == null) {
            problems.add(name + " is missing; send the face as a file part named '" + part + "'");
            return Optional.empty();
        }
        if (upload.size() > maxBytes) {
            throw ApiException.tooLarge(name + " is " + upload.size() + " bytes; the limit is " + maxBytes + " bytes");
        }
        try {
            return Optional.of(decoder.decode(name, Files.readAllBytes(upload.uploadedFile())));
        } catch (UnusableImageException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded " + name, e);
        }
    }
}
