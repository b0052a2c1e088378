package org.sim2word.worker.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.image.ImageDecoder;

/** Reads gallery faces from a folder per identity: {@code <dir>/<Identity_Name>/*.jpg|png}. */
public final class GalleryFaces {
    private GalleryFaces() {
    }

    /**
     * @param perIdentity the first N photos of each identity in file-name order; 0 for all
     */
    public static Map<String, List<FaceImage>> read(Path dir, int perIdentity) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("no gallery at " + dir + "; run deploy/faces/fetch-johns.sh or set "
                    + "sim2word.gallery.dir");
        }
        Map<String, List<FaceImage>> faces = new LinkedHashMap<>();
        try (Stream<Path> identities = Files.list(dir)) {
            for (Path identity : identities.filter(Files::isDirectory).sorted().toList()) {
                List<Path> photos = photosOf(identity);
                if (perIdentity > 0 && photos.size() > perIdentity) {
                    photos = photos.subList(0, perIdentity);
                }
                if (!photos.isEmpty()) {
                    faces.put(identity.getFileName().toString(), photos.stream()
                            .map(p -> ImageDecoder.decode(readBytes(p), p.toString())).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (faces.isEmpty()) {
            throw new ModelLoadException("the gallery at " + dir + " has no identity folders with photos");
        }
        return faces;
    }

    /** The photos of one identity folder in file-name order. */
    public static List<Path> photosOf(Path identity) {
        try (Stream<Path> files = Files.list(identity)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
