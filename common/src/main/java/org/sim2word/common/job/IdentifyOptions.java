package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every parameter of explaining one identification with uncertainty (method §4.5). Fields left out take the
 * defaults of {@code single_person_uncertain.py} and {@code uncertainty_visualization.py}.
 *
 * @param eraseThreshold      τ: pixels where the joint map J &gt; τ are erased (the original's 0.1 erases large
 *                            regions on purpose)
 * @param fill                what erased pixels become; the original's grey was 127.5, {@code mean} is 125
 * @param seed                seed of {@link Fill#RANDOM}
 * @param lambda              λ, the evidence scale in u = K / Σ(λ·ReLU(z) + 1)
 * @param confidence          attributes are selected for the chart when eligible and predicted with a probability
 *                            above this
 * @param identificationModel model name, or null for the installed default
 * @param attributeModels     model names, or empty for the installed defaults
 * @param uncertaintyModel    an evidential model's name, or null for the worker's default (which may be the
 *                            labelled substitute over the identification net's gallery)
 * @param alignment           how the photo becomes an aligned face crop
 * @param face                which face of the photo to explain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdentifyOptions(
        double eraseThreshold,
        Fill fill,
        long seed,
        double lambda,
        double confidence,
        String identificationModel,
        List<String> attributeModels,
        String uncertaintyModel,
        Alignment alignment,
        FaceSelection face) {

    public static final double DEFAULT_ERASE_THRESHOLD = 0.1;
    public static final double DEFAULT_LAMBDA = 200;
    public static final double DEFAULT_CONFIDENCE = 0.8;

    public IdentifyOptions {
        Objects.requireNonNull(fill, "fill");
        attributeModels = attributeModels == null ? List.of() : List.copyOf(attributeModels);
        alignment = alignment == null ? Alignment.defaults() : alignment;
        face = face == null ? FaceSelection.largest() : face;
    }

    public static IdentifyOptions defaults() {
        return fromJson(null, null, null, null, null, null, null, null, null, null);
    }

    @JsonCreator
    public static IdentifyOptions fromJson(
            @JsonProperty("eraseThreshold") Double eraseThreshold,
            @JsonProperty("fill") Fill fill,
            @JsonProperty("seed") Long seed,
            @JsonProperty("lambda") Double lambda,
            @JsonProperty("confidence") Double confidence,
            @JsonProperty("identificationModel") String identificationModel,
            @JsonProperty("attributeModels") List<String> attributeModels,
            @JsonProperty("uncertaintyModel") String uncertaintyModel,
            @JsonProperty("alignment") Alignment alignment,
            @JsonProperty("face") FaceSelection face) {
        return new IdentifyOptions(
                eraseThreshold == null ? DEFAULT_ERASE_THRESHOLD : eraseThreshold,
                fill == null ? Fill.MEAN : fill,
                seed == null ? 0L : seed,
                lambda == null ? DEFAULT_LAMBDA : lambda,
                confidence == null ? DEFAULT_CONFIDENCE : confidence,
                blankToNull(identificationModel),
                attributeModels,
                blankToNull(uncertaintyModel),
                alignment,
                face);
    }

    /** Every reason these options cannot run, in words; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(eraseThreshold >= 0 && eraseThreshold < 1)) {
            problems.add("eraseThreshold must lie in [0, 1), was " + eraseThreshold);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            problems.add("lambda must be a positive number, was " + lambda);
        }
        if (!(confidence >= 0 && confidence < 1)) {
            problems.add("confidence must lie in [0, 1), was " + confidence);
        }
        problems.addAll(alignment.problems());
        problems.addAll(face.problems("face", alignment));
        return problems;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
