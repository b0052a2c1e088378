package org.sim2word.gateway.job;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.job.JobState;
import org.sim2word.gateway.api.ApiException;
import org.sim2word.gateway.api.PathIds;
import org.sim2word.gateway.image.DecodedImage;
import org.sim2word.gateway.image.ImageCatalog;
import org.sim2word.gateway.image.ImageUploads;
import org.sim2word.gateway.image.StoredImage;
import org.sim2word.gateway.model.ModelNames;

/** Lone pair jobs: submit; and jobs of every kind: read, retry. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private static final Logger LOG = Logger.getLogger(JobResource.class);

    private final ImageUploads uploads;
    private final ImageCatalog catalog;
    private final JobRepository jobs;
    private final JobPublisher publisher;
    private final HeatmapLinks links;
    private final ModelNames models;

    public JobResource(ImageUploads uploads, ImageCatalog catalog, JobRepository jobs, JobPublisher publisher,
                       HeatmapLinks links, ModelNames models) {
        this.uploads = uploads;
        this.catalog = catalog;
        this.jobs = jobs;
        this.publisher = publisher;
        this.links = links;
        this.models = models;
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
        Optional<ExplainOptions> explain = OptionsPart.read(options, ExplainOptions.class, ExplainOptions::defaults,
                ExplainOptions::problems, problems);
        explain.ifPresent(o -> problems.addAll(models.problems("options", o)));
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        StoredImage imageA = catalog.add(faceA.orElseThrow()).image();
        StoredImage imageB = catalog.add(faceB.orElseThrow()).image();
        JobMessage message = jobs.insert(NewJob.lone(imageA, imageB, explain.orElseThrow()));
        LOG.infof("Accepted job %s for faces %s and %s", message.jobId(), imageA.id(), imageB.id());
        publisher.publishAccepted(message);
        return JobAccepted.response(message.jobId());
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "job");
        JobRecord job = jobs.find(id).orElseThrow(() -> PathIds.unknown(id, "job"));
        JsonNode result = job.state() == JobState.SUCCEEDED
                ? jobs.result(id, job.kind()).map(links::attach).orElse(null) : null;
        return JobView.of(job, result);
    }

    /** The result in the original repository's JSON layout, for scripts written against it. */
    @GET
    @Path("{id}/original-layout")
    public String originalLayout(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "job");
        JobRecord job = jobs.find(id).orElseThrow(() -> PathIds.unknown(id, "job"));
        if (job.kind() != JobKind.PAIR) {
            throw ApiException.conflict("job " + id + " is an identification of one face; the original layout "
                    + "exists for pair jobs only, so read its result with GET " + path(id));
        }
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
        publisher.publishAccepted(requeued.get());
        return JobAccepted.response(id);
    }
}
