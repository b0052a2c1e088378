package org.sim2word.worker.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The {@code model.json} beside every TorchScript file: what the model is, where it came from, how to feed it and
 * how to read it. A user plugs in another model by writing one of these; no code changes (docs/models.md).
 *
 * @param schema      descriptor format version, {@link #SCHEMA}
 * @param name        registry name, unique among installed models
 * @param version     free text identifying the weights
 * @param description one sentence
 * @param license     SPDX identifier of the weights' licence
 * @param source      where the weights were obtained
 * @param file        the TorchScript file, relative to the descriptor
 * @param sha256      checksum of {@code file}; loading refuses a file that does not match
 * @param roles       {@code verification}, {@code identification}, {@code attribute}
 * @param input       preprocessing of the image input
 * @param inputs      the forward method's parameters in order: {@code image}, then {@code delta} for Grad-CAM models
 * @param outputs     the forward method's outputs in order
 * @param embedding   the output holding the face embedding (verification and cosine identification)
 * @param gradcam     how the Grad-CAM target layer is exposed, or null
 * @param heads       the attribute heads, in the order their words are reported
 * @param golden      where the model's reference outputs were made (informative; the copy the tests read is
 *                    {@code golden.json} beside the descriptor), or null
 * @param identification how the net classifies identities itself, or null for an embedding net that identifies
 *                    through an enrolled gallery
 * @param uncertainty where an evidential net's logits are, for the uncertainty role, or null
 */
public record ModelDescriptor(
        int schema,
        String name,
        String version,
        String description,
        String license,
        Source source,
        String file,
        String sha256,
        List<String> roles,
        Input input,
        List<String> inputs,
        List<Output> outputs,
        String embedding,
        GradCamLayer gradcam,
        List<Head> heads,
        String golden,
        Identification identification,
        Uncertainty uncertainty) {

    public static final int SCHEMA = 1;
    public static final String ROLE_VERIFICATION = "verification";
    public static final String ROLE_IDENTIFICATION = "identification";
    public static final String ROLE_ATTRIBUTE = "attribute";

    public ModelDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(input, "input");
        roles = roles == null ? List.of() : List.copyOf(roles);
        inputs = inputs == null ? List.of("image") : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        heads = heads == null ? List.of() : List.copyOf(heads);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The position of output {@code outputName} in the forward method's result. */
    public int outputIndex(String outputName) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).name().equals(outputName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("model " + name + " has no output named '" + outputName + "'; it has "
                + outputs.stream().map(Output::name).toList());
    }

    public Output output(String outputName) {
        return outputs.get(outputIndex(outputName));
    }

    /**
     * A net that classifies identities itself (docs/models.md).
     *
     * @param output  the output holding one value per class
     * @param kind    {@code logits} (probabilities = softmax) or {@code cosine} (probabilities = softmax(scale·x))
     * @param scale   the softmax scale of cosine classifiers
     * @param classes the number of classes
     * @param labels  a JSON array of class names relative to the descriptor, or null (a class is its index)
     */
    public record Identification(String output, String kind, double scale, int classes, String labels) {
        public static final String LOGITS = "logits";
        public static final String COSINE = "cosine";

        public Identification {
            Objects.requireNonNull(output, "identification.output");
            kind = kind == null ? LOGITS : kind;
            if (!kind.equals(LOGITS) && !kind.equals(COSINE)) {
                throw new IllegalArgumentException("identification.kind must be logits or cosine, is " + kind);
            }
            scale = scale == 0 ? 1.0 : scale;
        }
    }

    /**
     * An evidential net's logits z for the uncertainty u = K / Σ_k (λ·ReLU(z_k) + 1) (method §3.5).
     *
     * @param output  the output holding z
     * @param lambda  the default evidence scale λ
     * @param classes K
     */
    public record Uncertainty(String output, String evidence, double lambda, int classes, String labels) {
    }

    /** Where the weights came from. */
    public record Source(String registry, @JsonProperty("package") String packageName, String version, String file,
                         String sha256) {
    }

    /**
     * Image preprocessing: the canvas is resized to width×height with {@code resize}, each 0–255 value p becomes
     * (p·scale − mean[c]) / std[c] in the given channel order, laid out as {@code layout}.
     */
    public record Input(int width, int height, String channels, String layout, double scale, List<Double> mean,
                        List<Double> std, String resize) {
        public Input {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("input size must be positive, was " + width + "×" + height);
            }
            channels = channels == null ? "RGB" : channels;
            layout = layout == null ? "NCHW" : layout;
            scale = scale == 0 ? 1.0 : scale;
            mean = mean == null ? List.of(0.0, 0.0, 0.0) : List.copyOf(mean);
            std = std == null ? List.of(1.0, 1.0, 1.0) : List.copyOf(std);
            resize = resize == null ? "bilinear" : resize;
            if (!channels.equals("RGB") && !channels.equals("BGR")) {
                throw new IllegalArgumentException("channels must be RGB or BGR, was " + channels);
            }
            if (!layout.equals("NCHW") && !layout.equals("NHWC")) {
                throw new IllegalArgumentException("layout must be NCHW or NHWC, was " + layout);
            }
            if (!resize.equals("bilinear")) {
                throw new IllegalArgumentException("resize must be bilinear (OpenCV INTER_LINEAR), was " + resize);
            }
            if (mean.size() != 3 || std.size() != 3) {
                throw new IllegalArgumentException("mean and std need one value per channel");
            }
        }
    }

    /** One output of the forward method; {@code shape} excludes the batch dimension. */
    public record Output(String name, List<Integer> shape) {
        public int elements() {
            return shape.stream().reduce(1, (a, b) -> a * b);
        }
    }

    /**
     * The Grad-CAM target layer.
     *
     * @param layer    the layer's name in the original network, for people
     * @param output   the forward output holding its activations [C, h, w]
     * @param exposure {@code delta-input}: the network continues from activations + delta, where delta is the
     *                 forward method's second input, so ∂target/∂delta = ∂target/∂activations
     */
    public record GradCamLayer(String layer, String output, String exposure) {
        public static final String DELTA_INPUT = "delta-input";
    }

    /**
     * An attribute head.
     *
     * @param attribute the attribute's name
     * @param output    the forward output holding its logits (or log-probabilities) [classes]
     * @param kind      {@code categorical}: every class is a word and the attribute is always ranked;
     *                  {@code yes-no}: class 0 means present and only present attributes are ranked
     * @param classes   the class words, in logit order
     */
    public record Head(String attribute, String output, String kind, List<String> classes) {
        public static final String CATEGORICAL = "categorical";
        public static final String YES_NO = "yes-no";

        public Head {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(output, "output");
            classes = classes == null ? List.of() : List.copyOf(classes);
            if (!CATEGORICAL.equals(kind) && !YES_NO.equals(kind)) {
                throw new IllegalArgumentException("head " + attribute + ": kind must be categorical or yes-no");
            }
        }

        public boolean categorical() {
            return CATEGORICAL.equals(kind);
        }

        /** The word users see for predicted class {@code c} (method §2.9, §6.8). */
        public String word(int c) {
            return categorical() ? classes.get(c) : attribute;
        }

        /** Categorical, or a yes/no attribute predicted present (method §2.9). */
        public boolean eligible(int c) {
            return categorical() || c == 0;
        }
    }
}
