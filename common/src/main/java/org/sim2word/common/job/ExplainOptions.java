package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every parameter of a pair explanation. A job echoes these in its result, so a result can always be reproduced.
 * Fields left out of a request take the defaults of the method's scripts (method §7.1).
 *
 * @param strategy             how identity sets are chosen
 * @param topK                 k for {@link IdentityStrategy#TOP_K}
 * @param identityThreshold    cumulative probability for {@link IdentityStrategy#PROBABILITY_THRESHOLD} (strict &gt;)
 * @param maxIdentities        cap on the identity set size of the threshold strategy (method §6.16)
 * @param eraseThreshold       τ: pixels where the joint map J &gt; τ are erased
 * @param fill                 what erased pixels become
 * @param seed                 seed of {@link Fill#RANDOM}
 * @param normalizeJoint       min-max normalise each joint map before thresholding (method §6.2)
 * @param bothDirections       explain a→b and b→a; otherwise a→b only
 * @param sameIdentityFallback when both faces share an identity, use the ID map as the counterfactual map (§6.4)
 * @param variant              the full method or an ablation
 * @param identificationModel  model name, or null for the installed default
 * @param attributeModels      model names, or empty for every installed attribute model
 * @param verificationModel    model name, or null for the installed default
 * @param alignment            how photos become aligned face crops
 * @param faceA                which face of photo a to explain
 * @param faceB                which face of photo b to explain
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainOptions(
        IdentityStrategy strategy,
        int topK,
        double identityThreshold,
        int maxIdentities,
        double eraseThreshold,
        Fill fill,
        long seed,
        boolean normalizeJoint,
        boolean bothDirections,
        boolean sameIdentityFallback,
        Variant variant,
        String identificationModel,
        List<String> attributeModels,
        String verificationModel,
        Alignment alignment,
        FaceSelection faceA,
        FaceSelection faceB) {

    public static final int DEFAULT_TOP_K = 1;
    public static final double DEFAULT_IDENTITY_THRESHOLD = 0.4;
    public static final int DEFAULT_MAX_IDENTITIES = 50;
    public static final double DEFAULT_ERASE_THRESHOLD = 0.6;

    public ExplainOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(variant, "variant");
        attributeModels = attributeModels == null ? List.of() : List.copyOf(attributeModels);
        alignment = alignment == null ? Alignment.defaults() : alignment;
        faceA = faceA == null ? FaceSelection.largest() : faceA;
        faceB = faceB == null ? FaceSelection.largest() : faceB;
    }

    public static ExplainOptions defaults() {
        return fromJson(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** Jackson entry point: a missing field takes its default instead of Java's zero. */
    @JsonCreator
    public static ExplainOptions fromJson(
            @JsonProperty("strategy") IdentityStrategy strategy,
            @JsonProperty("topK") Integer topK,
            @JsonProperty("identityThreshold") Double identityThreshold,
            @JsonProperty("maxIdentities") Integer maxIdentities,
            @JsonProperty("eraseThreshold") Double eraseThreshold,
            @JsonProperty("fill") Fill fill,
            @JsonProperty("seed") Long seed,
            @JsonProperty("normalizeJoint") Boolean normalizeJoint,
            @JsonProperty("bothDirections") Boolean bothDirections,
            @JsonProperty("sameIdentityFallback") Boolean sameIdentityFallback,
            @JsonProperty("variant") Variant variant,
            @JsonProperty("identificationModel") String identificationModel,
            @JsonProperty("attributeModels") List<String> attributeModels,
            @JsonProperty("verificationModel") String verificationModel,
            @JsonProperty("alignment") Alignment alignment,
            @JsonProperty("faceA") FaceSelection faceA,
            @JsonProperty("faceB") FaceSelection faceB) {
        return new ExplainOptions(
                strategy == null ? IdentityStrategy.TOP_K : strategy,
                topK == null ? DEFAULT_TOP_K : topK,
                identityThreshold == null ? DEFAULT_IDENTITY_THRESHOLD : identityThreshold,
                maxIdentities == null ? DEFAULT_MAX_IDENTITIES : maxIdentities,
                eraseThreshold == null ? DEFAULT_ERASE_THRESHOLD : eraseThreshold,
                fill == null ? Fill.BLACK : fill,
                seed == null ? 0L : seed,
                normalizeJoint == null || normalizeJoint,
                bothDirections == null || bothDirections,
                sameIdentityFallback == null || sameIdentityFallback,
                variant == null ? Variant.FULL : variant,
                blankToNull(identificationModel),
                attributeModels,
                blankToNull(verificationModel),
                alignment,
                faceA,
                faceB);
    }

    /** Every reason these options cannot run, in words a caller can act on; empty when they are valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (topK < 1) {
            problems.add("topK must be at least 1, was " + topK);
        }
        if (topK > maxIdentities) {
            problems.add("topK must not exceed maxIdentities (" + maxIdentities + "), was " + topK);
        }
        if (!(identityThreshold > 0 && identityThreshold < 1)) {
            problems.add("identityThreshold must lie strictly between 0 and 1, was " + identityThreshold);
        }
        if (maxIdentities < 1 || maxIdentities > 1000) {
            problems.add("maxIdentities must lie in 1..1000, was " + maxIdentities);
        }
        if (!(eraseThreshold >= 0 && eraseThreshold < 1)) {
            problems.add("eraseThreshold must lie in [0, 1), was " + eraseThreshold);
        }
        problems.addAll(alignment.problems());
        problems.addAll(faceA.problems("faceA", alignment));
        problems.addAll(faceB.problems("faceB", alignment));
        return problems;
    }

    public ExplainOptions withVariant(Variant newVariant) {
        return new ExplainOptions(strategy, topK, identityThreshold, maxIdentities, eraseThreshold, fill, seed,
                normalizeJoint, bothDirections, sameIdentityFallback, newVariant, identificationModel,
                attributeModels, verificationModel, alignment, faceA, faceB);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
