package org.sim2word.worker.job;

import java.util.Locale;
import java.util.UUID;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.ExplainedPair;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.FacePreparer;
import org.sim2word.worker.explain.PairExplainer;
import org.sim2word.worker.image.ImageDecoder;
import org.sim2word.worker.persistence.JobStore;
import org.sim2word.worker.storage.ObjectStore;

/** Pair jobs: why two faces are (dis)similar (method §1–2). */
final class PairJobRunner implements JobRunner {
    private final JobStore jobs;
    private final ObjectStore store;
    private final MapUploader uploader;
    private final Explainers explainers;

    private final FacePreparer preparer;

    PairJobRunner(JobStore jobs, ObjectStore store, MapUploader uploader, Explainers explainers) {
        this.jobs = jobs;
        this.store = store;
        this.uploader = uploader;
        this.explainers = explainers;
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
        ExplainOptions options = message.options();
        FaceImage photoA = ImageDecoder.decode(store.get(message.imageA()), "face a");
        FaceImage photoB = ImageDecoder.decode(store.get(message.imageB()), "face b");
        jobs.progress(id, "finding faces");
        FacePreparer.Prepared a = preparer.prepare(photoA, "a", options.alignment(), options.faceA(), "face a");
        FacePreparer.Prepared b = preparer.prepare(photoB, "b", options.alignment(), options.faceB(), "face b");
        long decodeMillis = (System.nanoTime() - start) / 1_000_000;
        ExplainedPair explained = explainer(message).explain(id, a, b, options, decodeMillis,
                stage -> jobs.progress(id, stage));
        jobs.progress(id, "storing " + explained.maps().size() + " maps");
        long storing = System.nanoTime();
        uploader.upload(explained.maps());
        long storeMillis = (System.nanoTime() - storing) / 1_000_000;
        if (!jobs.succeed(id, explained.result())) {
            return null;
        }
        return String.format(Locale.ROOT, "s0 = %.4f, most characteristic: %s in %d ms, %d maps stored in %d ms",
                explained.result().similarity().cosine(), explained.result().directions().stream()
                        .map(d -> d.probe() + "→" + d.counter() + " " + d.mostCharacteristic()).toList(),
                explained.result().timings().total(), explained.maps().size(), storeMillis);
    }

    private PairExplainer explainer(JobMessage message) {
        ExplainOptions options = message.options();
        if (!options.problems().isEmpty()) {
            throw new UnservableJobException("the job cannot run: " + String.join("; ", options.problems()));
        }
        try {
            return explainers.forChoice(explainers.defaults().overriddenBy(options));
        } catch (IllegalArgumentException e) {
            throw new UnservableJobException("the job cannot run: " + e.getMessage());
        }
    }
}
