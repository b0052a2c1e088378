package org.sim2word.gateway.job;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.gateway.api.ApiException;
import org.sim2word.gateway.image.DecodedImage;
import org.sim2word.gateway.image.ImageCatalog;
import org.sim2word.gateway.image.ImageUploads;
import org.sim2word.gateway.image.StoredImage;
import org.sim2word.gateway.model.ModelNames;

/**
 * Identification jobs (method §4.5): which attributes one face's identification rests on. Once accepted they are
 * jobs like any other, read and retried under {@code /v1/jobs/{id}}.
 */
@Path("/v1/identifications")
@Produces(MediaType.APPLICATION_JSON)
public class IdentificationResource {
    private static final Logger LOG = Logger.getLogger(IdentificationResource.class);

    private final ImageUploads uploads;
    private final ImageCatalog catalog;
    private final JobRepository jobs;
    private final JobPublisher publisher;
    private final ModelNames models;

    public IdentificationResource(ImageUploads uploads, ImageCatalog catalog, JobRepository jobs,
                                  JobPublisher publisher, ModelNames models) {
        this.uploads = uploads;
        this.catalog = catalog;
        this.jobs = jobs;
        this.publisher = publisher;
        this.models = models;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@RestForm("face") FileUpload face, @RestForm("options") String options) {
        List<String> problems = new ArrayList<>();
        Optional<DecodedImage> decoded = uploads.read("face", face, problems);
        Optional<IdentifyOptions> identify = OptionsPart.read(options, IdentifyOptions.class,
                IdentifyOptions::defaults, IdentifyOptions::problems, problems);
        identify.ifPresent(o -> problems.addAll(models.problems("options", o)));
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }
        StoredImage image = catalog.add(decoded.orElseThrow()).image();
        JobMessage message = jobs.insert(NewIdentification.of(image, identify.orElseThrow()));
        LOG.infof("Accepted identification job %s for face %s", message.jobId(), image.id());
        publisher.publishAccepted(message);
        return JobAccepted.response(message.jobId());
    }
}
