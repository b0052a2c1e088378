package org.sim2word.gateway.job;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.sim2word.common.job.JobState;

/** The answer to a job that was queued (docs/api.md). */
public record JobAccepted(UUID id, JobState state, String url) {

    static JobAccepted queued(UUID id) {
        return new JobAccepted(id, JobState.QUEUED, JobResource.path(id));
    }

    /** 202 with this body and {@code Location: /v1/jobs/{id}}, for every kind of job. */
    static Response response(UUID id) {
        return Response.accepted(queued(id)).header(HttpHeaders.LOCATION, JobResource.path(id)).build();
    }
}
