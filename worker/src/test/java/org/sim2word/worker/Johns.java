package org.sim2word.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.ExplainerModels;
import org.sim2word.worker.explain.PairExplainer;
import org.sim2word.worker.image.ImageDecoder;
import org.sim2word.worker.model.GalleryFaces;
import org.sim2word.worker.model.IdentityGallery;
import org.sim2word.worker.model.ModelRegistry;
import org.sim2word.worker.model.ProbeNet;

/**
 * Real faces for tests: dlib's "johns", 5 people × 11 aligned photos. The first {@link #ENROLLED} photos of each
 * person form the identity gallery, as the worker's default configuration does; tests probe with the others.
 */
public final class Johns {
    public static final int ENROLLED = 3;
    private static PairExplainer explainer;

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
            ModelRegistry registry = TestHome.registry();
            ProbeNet faceres = registry.probeNet("hse-faceres");
            Map<String, List<FaceImage>> gallery = GalleryFaces.read(TestHome.johns(), ENROLLED);
            explainer = new PairExplainer(new ExplainerModels(faceres, IdentityGallery.enrol(faceres, gallery, 16),
                    List.of(faceres), registry.verificationNet("dlib-resnet29", 32)));
        }
        return explainer;
    }
}
