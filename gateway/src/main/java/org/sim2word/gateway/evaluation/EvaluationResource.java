package org.sim2word.gateway.evaluation;

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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.sim2word.common.job.JobMessage;
import org.sim2word.gateway.api.ApiException;
import org.sim2word.gateway.api.PathIds;
import org.sim2word.gateway.api.RequestJson;
import org.sim2word.gateway.image.ImageRepository;
import org.sim2word.gateway.image.StoredImage;
import org.sim2word.gateway.job.JobPublisher;
import org.sim2word.gateway.job.NewJob;
import org.sim2word.gateway.model.ModelNames;

/** Labelled pair lists whose jobs are explained and then summarised together by the aggregator. */
@Path("/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {
    private static final Logger LOG = Logger.getLogger(EvaluationResource.class);

    private final ImageRepository images;
    private final EvaluationRepository evaluations;
    private final JobPublisher publisher;
    private final ModelNames models;
    private final String aggregatorUrl;

    public EvaluationResource(ImageRepository images, EvaluationRepository evaluations, JobPublisher publisher,
                              ModelNames models,
                              @ConfigProperty(name = "sim2word.aggregator.url") String aggregatorUrl) {
        this.images = images;
        this.evaluations = evaluations;
        this.publisher = publisher;
        this.models = models;
        this.aggregatorUrl = aggregatorUrl.replaceAll("/+$", "");
    }

    private static String path(UUID id) {
        return "/v1/evaluations/" + id;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body is empty; send a JSON evaluation with its pairs");
        }
        EvaluationRequest request = RequestJson.body(body, EvaluationRequest.class);
        List<String> problems = new ArrayList<>(request.problems());
        problems.addAll(models.problems("options", request.options()));
        Map<String, StoredImage> known = images.findAll(request.imageIds());
        List<EvaluationRequest.Pair> pairs = request.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            EvaluationRequest.Pair pair = pairs.get(i);
            if (pair != null) {
                unknownImage("pairs[" + i + "].a", pair.a(), known, problems);
                unknownImage("pairs[" + i + "].b", pair.b(), known, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(problems);
        }

        UUID id = UUID.randomUUID();
        List<NewJob> jobs = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            EvaluationRequest.Pair pair = pairs.get(i);
            jobs.add(NewJob.inEvaluation(id, i, pair.label(), known.get(pair.a()), known.get(pair.b()),
                    request.options()));
        }
        List<JobMessage> messages = evaluations.create(id, request.name(), request.options(), jobs);
        LOG.infof("Accepted evaluation %s (%s) with %d pair jobs", id, request.name(), jobs.size());
        int acked = publisher.publish(messages);
        if (acked < messages.size()) {
            LOG.warnf("Evaluation %s: %d of %d jobs are not yet on Kafka; the republisher will send them", id,
                    messages.size() - acked, messages.size());
        }
        return Response.accepted(new EvaluationAccepted(id, path(id), jobs.size()))
                .header(HttpHeaders.LOCATION, path(id)).build();
    }

    @GET
    @Path("{id}")
    public EvaluationView get(@PathParam("id") String rawId) {
        UUID id = PathIds.parse(rawId, "evaluation");
        return evaluations.find(id, aggregatorUrl + path(id) + "/summary")
                .orElseThrow(() -> PathIds.unknown(id, "evaluation"));
    }

    private static void unknownImage(String field, String id, Map<String, StoredImage> known, List<String> problems) {
        if (id != null && !id.isBlank() && !known.containsKey(id)) {
            problems.add(field + ": there is no image with id " + id + "; upload it with POST /v1/images first");
        }
    }
}
