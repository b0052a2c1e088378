package org.sim2word.common.result;

import java.util.List;
import java.util.UUID;
import org.sim2word.common.job.ExplainOptions;

/**
 * The result of a pair job in the project's own schema (the original layout of method §4.1 is an export of it).
 *
 * @param schema      {@link #SCHEMA}
 * @param jobId       the job
 * @param similarity  s0 = cos(V(a), V(b))
 * @param directions  a→b first, then b→a when both directions were asked for
 * @param bothMasked  per attribute, cos(V(a erased), V(b erased)) with each face erased by its own mask
 * @param models      the models that produced this result, with their checksums
 * @param options     the options the job ran with, defaults filled in
 * @param timings     where the worker spent its time, in milliseconds
 * @param faces       where each explained face came from in its photo
 */
public record PairExplanation(
        int schema,
        UUID jobId,
        Similarity similarity,
        List<DirectionExplanation> directions,
        List<BothMaskedScore> bothMasked,
        List<ModelRef> models,
        ExplainOptions options,
        Timings timings,
        List<FacePlacement> faces) {

    public static final int SCHEMA = 1;
}
