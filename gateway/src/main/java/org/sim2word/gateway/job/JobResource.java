package org.sim2word.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.job.JobState;
import org.sim2word.gateway.api.ApiException;
import org.sim2word.gateway.api.PathIds;
import org.sim2word.gateway.api.RequestJson;
import org.sim2word.gateway.image.DecodedImage;
import org.sim2word.gateway.image.ImageCatalog;
import org.sim2word.gateway.image.ImageUploads;
import org.sim2word.gateway.image.StoredImage;

/** Lone pair jobs: submit, read, retry. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private static final Logger LOG = Logger.getLogger(JobResource.class);

    private final ImageUploads uploads;
    private final ImageCatalog catalog;
    private final JobRepository jobs;
    private final JobPublisher publisher;
    private final HeatmapLinks links;

    public JobResource(ImageUploads uploads, ImageCatalog catalog, JobRepository jobs, JobPublisher publisher,
                       HeatmapLinks links) {
        this.uploads = uploads;
        this.catalog = catalog;
        this.jobs = jobs;
        this.publisher = publisher;
        this.links = links;
    }

    static String path(UUID id) {
        return "/v1/jobs/" + id;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@RestForm("a") FileUpload a, @RestForm("b") FileUpload b,
                           @RestForm("options") String options) {
        List<String> problems = new ArrayList<>();
        Optional<DecodedImage> faceA = uploads.read("a", a, problems);
        Optional<DecodedImage> faceB = uploads.read("b", b, problems);
        Optional<ExplainOptions> explain = options(options, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        StoredImage imageA = catalog.add(faceA.orElseThrow()).image();
        StoredImage imageB = catalog.add(faceB.orElseThrow()).image();
        JobMessage message = jobs.insert(NewJob.lone(imageA, imageB, explain.orElseThrow()));
        LOG.infof("Accepted job %s for faces %s and %s", message.jobId(), imageA.id(), imageB.id());
        publish(message);
        return accepted(message.jobId());
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "job");
        JobRecord job = jobs.find(id).orElseThrow(() -> PathIds.unknown(id, "job"));
        JsonNode result = job.state() == JobState.SUCCEEDED ? jobs.result(id).map(links::attach).orElse(null) : null;
        return JobView.of(job, result);
    }

    /** The result in the original repository's JSON layout, for scripts written against it. */
    @GET
    @Path("{id}/original-layout")
    public String originalLayout(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "job");
        JobRecord job = jobs.find(id).orElseThrow(() -> PathIds.unknown(id, "job"));
        return jobs.originalLayout(id).orElseThrow(() -> ApiException.conflict("job " + id + " is "
                + job.state().wireName() + "; its result exists once it has succeeded"));
    }

    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "job");
        Optional<JobMessage> requeued = jobs.requeue(id);
        if (requeued.isEmpty()) {
            JobRecord job = jobs.find(id).orElseThrow(() -> PathIds.unknown(id, "job"));
            throw ApiException.conflict("job " + id + " is " + job.state().wireName()
                    + "; only a failed job can be retried");
        }
        LOG.infof("Job %s failed before and is queued again at its caller's request", id);
        publish(requeued.get());
        return accepted(id);
    }

    /** Missing options mean every default; broken ones add their problems to the request's. */
    private static Optional<ExplainOptions> options(String json, List<String> problems) {
        if (json == null || json.isBlank()) {
            return Optional.of(ExplainOptions.defaults());
        }
        try {
            ExplainOptions options = Optional.ofNullable(RequestJson.named("options", json, ExplainOptions.class))
                    .orElseGet(ExplainOptions::defaults);
            options.problems().forEach(problem -> problems.add("options: " + problem));
            return Optional.of(options);
        } catch (ApiException e) {
            problems.addAll(e.details());
            return Optional.empty();
        }
    }

    private void publish(JobMessage message) {
        if (publisher.publish(List.of(message)) == 0) {
            LOG.warnf("Job %s is accepted but not yet on Kafka; the republisher will send it", message.jobId());
        }
    }

    private static Response accepted(UUID id) {
        return Response.accepted(JobAccepted.queued(id)).header(HttpHeaders.LOCATION, path(id)).build();
    }
}
