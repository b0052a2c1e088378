package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.result.AttributeUncertainty;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.IdentificationExplanation;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.Timings;
import org.sim2word.common.result.UncertaintyBar;
import org.sim2word.worker.engine.EraseMask;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.engine.Softmax;
import org.sim2word.worker.model.ProbePass;

/**
 * Explains one identification with uncertainty (method §4.5): the joint map of the predicted identity's ID map and
 * each attribute map is erased, and the attributes whose erasure raises the evidential uncertainty most are the ones
 * the identification rests on. No counter face: the ID map stands where the counterfactual map stood.
 */
public final class IdentificationExplainer {
    private final IdentificationModels models;

    public IdentificationExplainer(IdentificationModels models) {
        this.models = models;
    }

    /** The result and its maps, stored under probe "a". */
    public record Explained(IdentificationExplanation result, List<MapImage> maps) {
    }

    /** Explains a face that is an aligned crop already. */
    public Explained explain(UUID jobId, FaceImage face, IdentifyOptions options, long decodeMillis,
                             Consumer<String> progress) {
        return explain(jobId, FacePreparer.Prepared.crop(face, "a"), options, decodeMillis, progress);
    }

    /** @param prepared the face, aligned, and where it came from */
    public Explained explain(UUID jobId, FacePreparer.Prepared prepared, IdentifyOptions options, long decodeMillis,
                             Consumer<String> progress) {
        long start = System.nanoTime();
        FaceImage face = prepared.canvas();
        progress.accept("computing maps");
        Reading reading = read(face);

        FaceImage noise = FaceImage.noise(face.width(), face.height(), options.seed());
        DistinctFaces batch = new DistinctFaces();
        int original = batch.original(face);
        List<MapImage> maps = new ArrayList<>();
        List<HeatmapRef> refs = new ArrayList<>();
        add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.ID, null, reading.idMap(), face));
        List<EraseMask> masks = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (HeadReading head : reading.attributes().heads()) {
            // Always normalised: without a counter face the joint map is only ever compared with τ (method §4.5).
            Heatmap joint = reading.idMap().times(head.map()).minMax();
            EraseMask mask = EraseMask.where(joint, options.eraseThreshold());
            FaceImage erased = face.erase(mask, options.fill(), noise);
            masks.add(mask);
            index.add(batch.erased(original, mask, erased));
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.ATTRIBUTE, head.attribute(), head.map(), face));
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.JOINT, head.attribute(), joint, face));
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.MASK, head.attribute(), mask.toHeatmap(), erased));
        }
        long mapsDone = System.nanoTime();

        progress.accept("measuring uncertainty");
        double[] u = models.uncertainty().uncertainties(batch.faces(), options.lambda());
        long measured = System.nanoTime();

        List<AttributeUncertainty> attributes = attributes(reading.attributes().heads(), masks, index, u, options);
        IdentificationExplanation result = new IdentificationExplanation(IdentificationExplanation.SCHEMA, jobId,
                reading.predicted(), models.uncertainty().method(), u[original], attributes,
                chart(u[original], attributes), List.copyOf(refs), models.refs(), options,
                new Timings(decodeMillis, (mapsDone - start) / 1_000_000, (measured - mapsDone) / 1_000_000,
                        decodeMillis + (System.nanoTime() - start) / 1_000_000),
                prepared.placement(), reading.attributes().unreadModels());
        return new Explained(result, List.copyOf(maps));
    }

    /** What the identification net and the attribute sources see in the face. */
    private record Reading(IdentityMatch predicted, Heatmap idMap, HeadReading.Readings attributes) {
    }

    /** The predicted identity, its ID map (the Grad-CAM of that class) and every attribute with its map. */
    private Reading read(FaceImage face) {
        try (ProbePasses passes = ProbePasses.open(models.identification(), models.attributes(), List.of(face))) {
            ProbePass idPass = passes.of(models.identification());
            float[] logits = models.identifier().logits(idPass, 0);
            float[] probabilities = models.identifier().probabilities(logits);
            int c = Softmax.argmax(logits);
            return new Reading(new IdentityMatch(c, models.identifier().labels().get(c), logits[c], probabilities[c]),
                    models.identifier().map(idPass, 0, c).resize(face.width(), face.height()),
                    HeadReading.Readings.of(models.attributes(), models.landmarks(), passes, 0, face));
        }
    }

    /** Every attribute with the uncertainty its erasure left, ranked highest first (ties keep the models' order). */
    private static List<AttributeUncertainty> attributes(List<HeadReading> heads, List<EraseMask> masks,
                                                         List<Integer> index, double[] u, IdentifyOptions options) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -u[index.get(i)]));
        int[] rank = new int[heads.size()];
        for (int r = 0; r < order.size(); r++) {
            rank[order.get(r)] = r + 1;
        }
        List<AttributeUncertainty> attributes = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            HeadReading head = heads.get(i);
            double ui = u[index.get(i)];
            attributes.add(new AttributeUncertainty(head.attribute(), head.word(), head.model(), head.classIndex(),
                    head.probability(), head.eligible(), head.eligible() && head.probability() > options.confidence(),
                    ui, ui - u[0], masks.get(i).erasedFraction(), rank[i]));
        }
        return List.copyOf(attributes);
    }

    /** The original figure's bars: "Original", then the selected attributes by uncertainty, highest first. */
    private static List<UncertaintyBar> chart(double original, List<AttributeUncertainty> attributes) {
        List<UncertaintyBar> chart = new ArrayList<>();
        chart.add(new UncertaintyBar("Original", original, true));
        attributes.stream().filter(AttributeUncertainty::selected)
                .sorted(Comparator.comparingInt(AttributeUncertainty::rank))
                .forEach(a -> chart.add(new UncertaintyBar(a.word(), a.uncertainty(), false)));
        return List.copyOf(chart);
    }

    private static void add(List<MapImage> maps, List<HeatmapRef> refs, MapImage image) {
        maps.add(image);
        refs.add(image.ref());
    }
}
