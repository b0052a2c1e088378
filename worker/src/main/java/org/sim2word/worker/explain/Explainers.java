package org.sim2word.worker.explain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.common.result.ModelRef;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.model.ClassifierIdentifier;
import org.sim2word.worker.model.EvidentialNet;
import org.sim2word.worker.model.IdentifierEvidence;
import org.sim2word.worker.model.GalleryFaces;
import org.sim2word.worker.model.Identifier;
import org.sim2word.worker.model.IdentityGallery;
import org.sim2word.worker.model.ModelDescriptor;
import org.sim2word.worker.model.ModelRegistry;
import org.sim2word.worker.model.ProbeNet;
import org.sim2word.worker.model.UncertaintyNet;
import org.sim2word.worker.model.VerificationNet;

/**
 * The explainers a worker offers: one per combination of installed models a job chooses, built on first use and
 * kept. An identification net that classifies identities itself uses its own classes; an embedding net identifies
 * through the identity gallery, enrolled once per net.
 */
public final class Explainers {
    private final ModelRegistry registry;
    private final Path galleryDir;
    private final int perIdentity;
    private final int maxBatch;
    private final ModelChoice defaults;
    private final Duration batchWindow;
    private final Map<ModelChoice, PairExplainer> explainers = new HashMap<>();
    private final Map<String, VerificationNet> verificationNets = new HashMap<>();
    private final Map<String, Identifier> identifiers = new HashMap<>();
    private final Map<List<String>, IdentificationExplainer> identificationExplainers = new HashMap<>();
    private static final String ROLE_UNCERTAINTY = "uncertainty";
    private static final String ROLE_LANDMARKS = "landmarks";
    private FaceFinder finder;

    public Explainers(ModelRegistry registry, Path galleryDir, int perIdentity, int maxBatch, ModelChoice defaults) {
        this(registry, galleryDir, perIdentity, maxBatch, defaults, Duration.ZERO);
    }

    /**
     * @param batchWindow how long a verification net waits to gather the erased faces of concurrent jobs into one
     *                    batch; zero embeds each job's faces on its own thread
     */
    public Explainers(ModelRegistry registry, Path galleryDir, int perIdentity, int maxBatch, ModelChoice defaults,
                      Duration batchWindow) {
        this.registry = registry;
        this.galleryDir = galleryDir;
        this.perIdentity = perIdentity;
        this.maxBatch = maxBatch;
        this.defaults = defaults;
        this.batchWindow = batchWindow;
    }

    public ModelChoice defaults() {
        return defaults;
    }

    /**
     * The explainer for a choice of models, building it on first use.
     *
     * @throws IllegalArgumentException when a model is not installed or cannot fill the role it was chosen for
     */
    public synchronized PairExplainer forChoice(ModelChoice choice) {
        PairExplainer explainer = explainers.get(choice);
        if (explainer == null) {
            check(choice, null);
            ProbeNet identification = registry.probeNet(choice.identification());
            explainer = new PairExplainer(new ExplainerModels(identification, identifier(choice.identification()),
                    probeNets(choice.attributes()), landmarks(choice.attributes()),
                    verificationNets.computeIfAbsent(choice.verification(),
                            v -> new VerificationNet(registry.model(v), maxBatch, batchWindow))));
            explainers.put(choice, explainer);
        }
        return explainer;
    }

    /**
     * The identification explainer for a choice of models; {@code uncertaintyModel} null means the labelled
     * substitute over the identification net's own class scores.
     *
     * @throws IllegalArgumentException when a model is not installed or cannot fill its role
     */
    public synchronized IdentificationExplainer forIdentification(String identification, List<String> attributes,
                                                                  String uncertaintyModel) {
        List<String> key = new ArrayList<>(List.of("identify", identification, String.valueOf(uncertaintyModel)));
        key.addAll(attributes);
        IdentificationExplainer explainer = identificationExplainers.get(key);
        if (explainer == null) {
            check(new ModelChoice(identification, attributes, null), uncertaintyModel);
            ProbeNet net = registry.probeNet(identification);
            Identifier identifier = identifier(identification);
            List<ModelRef> refs = new ArrayList<>();
            refs.add(ref(ModelDescriptor.ROLE_IDENTIFICATION, identification));
            attributes.forEach(a -> refs.add(ref(ModelDescriptor.ROLE_ATTRIBUTE, a)));
            UncertaintyNet uncertainty;
            if (uncertaintyModel == null) {
                uncertainty = new IdentifierEvidence(net, identifier, maxBatch);
                refs.add(ref(ROLE_UNCERTAINTY, identification));
            } else {
                uncertainty = new EvidentialNet(registry.model(uncertaintyModel), maxBatch);
                refs.add(ref(ROLE_UNCERTAINTY, uncertaintyModel));
            }
            explainer = new IdentificationExplainer(new IdentificationModels(net, identifier, probeNets(attributes),
                    landmarks(attributes), uncertainty, refs));
            identificationExplainers.put(key, explainer);
        }
        return explainer;
    }

    /** The face finder, when detection models are installed: it aligns raw photos. */
    public synchronized FaceFinder finder() {
        List<String> installed = registry.descriptors().stream().map(ModelDescriptor::name).toList();
        if (finder == null && installed.contains(FaceFinder.DETECTOR) && installed.contains(FaceFinder.LANDMARKS)) {
            finder = FaceFinder.of(registry);
        }
        return finder;
    }

    /** The Grad-CAM attribute models among the chosen attribute sources. */
    private List<ProbeNet> probeNets(List<String> attributes) {
        return attributes.stream().filter(a -> !isLandmarks(a)).map(registry::probeNet).toList();
    }

    /** The face finder when the landmark attributes are among the chosen sources, else null. */
    private FaceFinder landmarks(List<String> attributes) {
        return attributes.stream().anyMatch(this::isLandmarks) ? finder() : null;
    }

    private boolean isLandmarks(String model) {
        return registry.descriptor(model).hasRole(ROLE_LANDMARKS);
    }

    /** The faces the gallery enrols, for warm-ups. */
    public Map<String, List<org.sim2word.worker.engine.FaceImage>> galleryFaces() {
        return GalleryFaces.read(galleryDir, perIdentity);
    }

    private Identifier identifier(String name) {
        return identifiers.computeIfAbsent(name, n -> {
            ModelDescriptor d = registry.descriptor(n);
            return d.identification() != null
                    ? ClassifierIdentifier.of(d, registry.directory(n))
                    : IdentityGallery.enrol(registry.probeNet(n), GalleryFaces.read(galleryDir, perIdentity), maxBatch);
        });
    }

    private ModelRef ref(String role, String name) {
        return new ModelRef(role, name, registry.descriptor(name).sha256());
    }

    /** A pair choice names a verification model; an identification's names null there and may name E instead. */
    private void check(ModelChoice choice, String uncertaintyModel) {
        List<String> problems = new ArrayList<>();
        List<String> installed = registry.descriptors().stream().map(ModelDescriptor::name).toList();
        List<String> names = new ArrayList<>(names(choice));
        if (uncertaintyModel != null) {
            names.add(uncertaintyModel);
        }
        for (String name : names) {
            if (!installed.contains(name)) {
                problems.add("model " + name + " is not installed (installed: " + installed + ")");
            }
        }
        if (problems.isEmpty()) {
            ModelDescriptor id = registry.descriptor(choice.identification());
            if (!id.hasRole(ModelDescriptor.ROLE_IDENTIFICATION) || id.gradcam() == null) {
                problems.add(id.name() + " cannot identify faces with Grad-CAM maps (roles " + id.roles() + ")");
            }
            for (String a : choice.attributes()) {
                ModelDescriptor d = registry.descriptor(a);
                if (d.hasRole(ROLE_LANDMARKS)) {
                    if (finder() == null) {
                        problems.add(a + " gives landmark attributes only with the detector "
                                + FaceFinder.DETECTOR + " installed");
                    }
                } else if (!d.hasRole(ModelDescriptor.ROLE_ATTRIBUTE) || d.heads().isEmpty() || d.gradcam() == null) {
                    problems.add(a + " is not an attribute model with heads and a Grad-CAM layer");
                }
            }
            if (choice.verification() != null) {
                ModelDescriptor v = registry.descriptor(choice.verification());
                if (!v.hasRole(ModelDescriptor.ROLE_VERIFICATION) || v.embedding() == null) {
                    problems.add(v.name() + " is not a verification model (roles " + v.roles() + ")");
                }
            }
            if (uncertaintyModel != null && registry.descriptor(uncertaintyModel).uncertainty() == null) {
                problems.add(uncertaintyModel + " is not an evidential model (it declares no uncertainty block)");
            }
        }
        if (choice.attributes().isEmpty()) {
            problems.add("at least one attribute model is needed");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static List<String> names(ModelChoice choice) {
        List<String> names = new ArrayList<>();
        names.add(choice.identification());
        names.addAll(choice.attributes());
        if (choice.verification() != null) {
            names.add(choice.verification());
        }
        return names;
    }
}
