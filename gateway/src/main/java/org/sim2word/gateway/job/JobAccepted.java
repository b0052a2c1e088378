package org.sim2word.gateway.job;

import java.util.UUID;
import org.sim2word.common.job.JobState;

/** The answer to a job that was queued (docs/api.md). */
public record JobAccepted(UUID id, JobState state, String url) {

    static JobAccepted queued(UUID id) {
        return new JobAccepted(id, JobState.QUEUED, JobResource.path(id));
    }
}
