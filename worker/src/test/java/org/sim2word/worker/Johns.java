package org.sim2word.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.worker.explain.PairExplainer;
import org.sim2word.worker.image.ImageDecoder;
import org.sim2word.worker.model.GalleryFaces;

/**
 * Real faces for tests: dlib's "johns", 5 people × 11 aligned photos. The first {@link #ENROLLED} photos of each
 * person form the identity gallery, as the worker's default configuration does; tests probe with the others.
 */
public final class Johns {
    public static final int ENROLLED = 3;
    private static PairExplainer explainer;
    private static Explainers explainers;

    private Johns() {
    }

    public static List<String> people() {
        try (var dirs = Files.list(TestHome.johns())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Photo {@code index} of {@code person} in file-name order; indices below {@link #ENROLLED} are enrolled. */
    public static Path photo(String person, int index) {
        return GalleryFaces.photosOf(TestHome.johns().resolve(person)).get(index);
    }

    public static FaceImage face(String person, int index) {
        Path p = photo(person, index);
        try {
            return ImageDecoder.decode(Files.readAllBytes(p), p.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The worker's default model set on the johns gallery. */
    public static synchronized PairExplainer explainer() {
        if (explainer == null) {
            explainer = explainers().forChoice(explainers().defaults());
        }
        return explainer;
    }

    /** The worker's default model choice over the test home's models, with the johns gallery. */
    public static synchronized Explainers explainers() {
        if (explainers == null) {
            explainers = new Explainers(TestHome.registry(), TestHome.johns(), ENROLLED, 32,
                    new ModelChoice("hse-faceres", List.of("hse-faceres"), "dlib-resnet29"));
        }
        return explainers;
    }
}
