package org.sim2word.worker.job;

import java.util.Locale;
import java.util.UUID;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.FacePreparer;
import org.sim2word.worker.explain.IdentificationExplainer;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.worker.image.ImageDecoder;
import org.sim2word.worker.persistence.JobStore;
import org.sim2word.worker.storage.ObjectStore;

/** Identification jobs: which attributes one face's identification rests on (method §4.5). */
final class IdentificationJobRunner implements JobRunner {
    private final JobStore jobs;
    private final ObjectStore store;
    private final MapUploader uploader;
    private final Explainers explainers;
    private final String defaultUncertaintyModel;
    private final FacePreparer preparer;

    IdentificationJobRunner(JobStore jobs, ObjectStore store, MapUploader uploader, Explainers explainers,
                            String defaultUncertaintyModel) {
        this.jobs = jobs;
        this.store = store;
        this.uploader = uploader;
        this.explainers = explainers;
        this.defaultUncertaintyModel = defaultUncertaintyModel;
        this.preparer = new FacePreparer(explainers.finder());
    }

    @Override
    public void check(JobMessage message) {
        explainer(message);
    }

    @Override
    public String run(JobMessage message) {
        UUID id = message.jobId();
        long start = System.nanoTime();
        IdentifyOptions options = message.identifyOptions();
        FaceImage photo = ImageDecoder.decode(store.get(message.imageA()), "the face");
        jobs.progress(id, "finding the face");
        FacePreparer.Prepared face = preparer.prepare(photo, "a", options.alignment(), options.face(), "the face");
        long decodeMillis = (System.nanoTime() - start) / 1_000_000;
        IdentificationExplainer.Explained explained = explainer(message).explain(id, face, options, decodeMillis,
                stage -> jobs.progress(id, stage));
        jobs.progress(id, "storing " + explained.maps().size() + " maps");
        long storing = System.nanoTime();
        uploader.upload(explained.maps());
        long storeMillis = (System.nanoTime() - storing) / 1_000_000;
        if (!jobs.succeed(id, explained.result())) {
            return null;
        }
        return String.format(Locale.ROOT, "%s, u = %.4f, rests most on %s in %d ms, %d maps stored in %d ms",
                explained.result().predicted().label(), explained.result().original(),
                explained.result().chart().size() > 1 ? explained.result().chart().get(1).label() : "no selected word",
                explained.result().timings().total(), explained.maps().size(), storeMillis);
    }

    private IdentificationExplainer explainer(JobMessage message) {
        IdentifyOptions options = message.identifyOptions();
        if (!options.problems().isEmpty()) {
            throw new UnservableJobException("the job cannot run: " + String.join("; ", options.problems()));
        }
        ModelChoice defaults = explainers.defaults();
        try {
            return explainers.forIdentification(
                    options.identificationModel() == null ? defaults.identification() : options.identificationModel(),
                    options.attributeModels().isEmpty() ? defaults.attributes() : options.attributeModels(),
                    options.uncertaintyModel() == null ? defaultUncertaintyModel : options.uncertaintyModel());
        } catch (IllegalArgumentException e) {
            throw new UnservableJobException("the job cannot run: " + e.getMessage());
        }
    }
}
