package org.sim2word.common.result;

import java.util.List;
import java.util.UUID;
import org.sim2word.common.job.IdentifyOptions;

/**
 * The result of an identification job (method §4.5): the identity the identification net sees in one face, how
 * uncertain the evidential model is about it, and how much erasing each attribute's region adds to that
 * uncertainty. Attributes whose erasure raises the uncertainty most are the ones the identification rests on.
 *
 * @param schema     {@link #SCHEMA}
 * @param jobId      the job
 * @param predicted  the identification net's top class
 * @param method     the uncertainty model, and whether it is the labelled substitute
 * @param original   u of the face as it is
 * @param attributes every attribute of the face, in the attribute models' order
 * @param chart      the bars of the original figure: "Original", then the selected attributes by u, highest first
 * @param heatmaps   the ID map and, per attribute, its map, joint map and mask
 * @param models     the models that produced this result, with their checksums
 * @param options    the options the job ran with, defaults filled in
 * @param timings    where the worker spent its time, in milliseconds
 * @param face       where the explained face came from in the photo
 * @param unreadModels attribute models that could not read the face, so their words are missing (the landmark model
 *                     when it finds no face on the aligned canvas)
 */
public record IdentificationExplanation(
        int schema,
        UUID jobId,
        IdentityMatch predicted,
        UncertaintyMethod method,
        double original,
        List<AttributeUncertainty> attributes,
        List<UncertaintyBar> chart,
        List<HeatmapRef> heatmaps,
        List<ModelRef> models,
        IdentifyOptions options,
        Timings timings,
        FacePlacement face,
        List<String> unreadModels) {

    public static final int SCHEMA = 1;

    public IdentificationExplanation {
        unreadModels = unreadModels == null ? List.of() : List.copyOf(unreadModels);
    }
}
