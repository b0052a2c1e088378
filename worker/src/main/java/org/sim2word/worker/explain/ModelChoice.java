package org.sim2word.worker.explain;

import java.util.List;
import org.sim2word.common.job.ExplainOptions;

/** The models that fill the method's roles for one job, by registry name. */
public record ModelChoice(String identification, List<String> attributes, String verification) {

    public ModelChoice {
        attributes = List.copyOf(attributes);
    }

    /** The job's choice, each role it leaves open taking this worker's default. */
    public ModelChoice overriddenBy(ExplainOptions options) {
        return new ModelChoice(
                options.identificationModel() == null ? identification : options.identificationModel(),
                options.attributeModels().isEmpty() ? attributes : options.attributeModels(),
                options.verificationModel() == null ? verification : options.verificationModel());
    }
}
