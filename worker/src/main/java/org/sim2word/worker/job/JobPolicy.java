package org.sim2word.worker.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;

/**
 * What this worker accepts and how long it persists.
 *
 * @param workerId             the name recorded on job rows
 * @param maxAttempts          deliveries of one job before it is failed
 * @param retryFor             how long unreachable services are waited out within one delivery
 * @param identificationModel  the identification model this worker serves
 * @param attributeModels      the attribute models it serves
 * @param verificationModel    the verification model it serves
 */
public record JobPolicy(String workerId, int maxAttempts, Duration retryFor, String identificationModel,
                        List<String> attributeModels, String verificationModel) {

    public JobPolicy {
        attributeModels = List.copyOf(attributeModels);
    }

    /** @throws UnservableJobException when the options are invalid or name models this worker does not serve */
    void check(JobMessage message) {
        ExplainOptions o = message.options();
        List<String> problems = new ArrayList<>(o.problems());
        if (o.identificationModel() != null && !o.identificationModel().equals(identificationModel)) {
            problems.add("identification model " + o.identificationModel() + " is not served; this worker serves "
                    + identificationModel);
        }
        if (!o.attributeModels().isEmpty() && !o.attributeModels().equals(attributeModels)) {
            problems.add("attribute models " + o.attributeModels() + " are not served; this worker serves "
                    + attributeModels);
        }
        if (o.verificationModel() != null && !Objects.equals(o.verificationModel(), verificationModel)) {
            problems.add("verification model " + o.verificationModel() + " is not served; this worker serves "
                    + verificationModel);
        }
        if (!problems.isEmpty()) {
            throw new UnservableJobException("the job cannot run: " + String.join("; ", problems));
        }
    }
}
