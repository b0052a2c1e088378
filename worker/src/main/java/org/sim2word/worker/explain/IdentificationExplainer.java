package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
import org.sim2word.worker.model.ProbeNet;
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
        int w = face.width();
        int h = face.height();
        progress.accept("computing maps");
        IdentityMatch predicted;
        Heatmap idMap;
        List<HeadReading> heads;
        Map<ProbeNet, ProbePass> passes = new IdentityHashMap<>();
        try {
            passes.put(models.identification(), models.identification().probe(List.of(face)));
            for (ProbeNet net : models.attributes()) {
                passes.computeIfAbsent(net, n -> n.probe(List.of(face)));
            }
            ProbePass idPass = passes.get(models.identification());
            float[] logits = models.identifier().logits(idPass, 0);
            float[] probabilities = models.identifier().probabilities(logits);
            int c = Softmax.argmax(logits);
            predicted = new IdentityMatch(c, models.identifier().labels().get(c), logits[c], probabilities[c]);
            idMap = models.identifier().map(idPass, 0, c).resize(w, h);
            heads = new ArrayList<>(HeadReading.of(models.attributes(), passes, 0, w, h));
            heads.addAll(HeadReading.landmarks(models.landmarks(), face));
        } finally {
            passes.values().forEach(ProbePass::close);
        }

        FaceImage noise = FaceImage.noise(w, h, options.seed());
        List<FaceImage> batch = new ArrayList<>(List.of(face));
        Map<EraseMask, Integer> seen = new HashMap<>();
        List<Integer> index = new ArrayList<>();
        List<MapImage> maps = new ArrayList<>();
        List<HeatmapRef> refs = new ArrayList<>();
        add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.ID, null, idMap, face));
        List<EraseMask> masks = new ArrayList<>();
        for (HeadReading head : heads) {
            // Always normalised: without a counter face the joint map is only ever compared with τ (method §4.5).
            Heatmap joint = idMap.times(head.map()).minMax();
            EraseMask mask = EraseMask.where(joint, options.eraseThreshold());
            masks.add(mask);
            FaceImage erased = face.erase(mask, options.fill(), noise);
            if (mask.isEmpty()) {
                index.add(0);
            } else {
                index.add(seen.computeIfAbsent(mask, m -> {
                    batch.add(erased);
                    return batch.size() - 1;
                }));
            }
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.ATTRIBUTE, head.attribute(), head.map(), face));
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.JOINT, head.attribute(), joint, face));
            add(maps, refs, MapImage.of(jobId, "a", HeatmapKind.MASK, head.attribute(), mask.toHeatmap(), erased));
        }
        long mapsDone = System.nanoTime();

        progress.accept("measuring uncertainty");
        double[] u = models.uncertainty().uncertainties(batch, options.lambda());
        long measured = System.nanoTime();

        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            order.add(i);
        }
        // Highest uncertainty first; a stable sort keeps the models' order among equals.
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
        List<UncertaintyBar> chart = new ArrayList<>();
        chart.add(new UncertaintyBar("Original", u[0], true));
        for (int i : order) {
            AttributeUncertainty a = attributes.get(i);
            if (a.selected()) {
                chart.add(new UncertaintyBar(a.word(), a.uncertainty(), false));
            }
        }
        IdentificationExplanation result = new IdentificationExplanation(IdentificationExplanation.SCHEMA, jobId,
                predicted, models.uncertainty().method(), u[0], List.copyOf(attributes), List.copyOf(chart),
                List.copyOf(refs), models.refs(), options, new Timings(decodeMillis, (mapsDone - start) / 1_000_000,
                        (measured - mapsDone) / 1_000_000, decodeMillis + (System.nanoTime() - start) / 1_000_000),
                prepared.placement());
        return new Explained(result, List.copyOf(maps));
    }

    private static void add(List<MapImage> maps, List<HeatmapRef> refs, MapImage image) {
        maps.add(image);
        refs.add(image.ref());
    }
}
