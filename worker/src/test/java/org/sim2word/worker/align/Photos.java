package org.sim2word.worker.align;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.image.ImageDecoder;

/** The group photos of deploy/faces/fetch-photos.sh: dlib's examples/faces and @vladmandic/face-api's samples. */
public final class Photos {
    private Photos() {
    }

    public static Path path(String relative) {
        Path p = TestHome.path().resolve("faces/photos").resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: run deploy/faces/fetch-photos.sh (deploy/models/install.sh "
                    + "does)");
        }
        return p;
    }

    public static FaceImage photo(String relative) {
        try {
            return ImageDecoder.decode(Files.readAllBytes(path(relative)), relative);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
