package org.sim2word.worker.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.Variant;
import org.sim2word.common.result.AttributeScore;
import org.sim2word.common.result.BothMaskedScore;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.DirectionFlags;
import org.sim2word.common.result.HeatmapKind;
import org.sim2word.common.result.HeatmapRef;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.IdentitySet;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.common.result.Similarity;
import org.sim2word.common.result.Timings;
import org.sim2word.worker.engine.AttributeRanking;
import org.sim2word.worker.engine.Counterfactual;
import org.sim2word.worker.engine.EraseMask;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.engine.IdentitySelector;
import org.sim2word.worker.model.Identifier;
import org.sim2word.worker.model.ProbePass;
import org.sim2word.worker.model.VerificationNet;

/**
 * Explains one pair of faces with the Sim2Word method (method Appendix A), in both directions. The maps of each
 * face come from one recorded forward per model; every erased image of the pair is then re-scored in one
 * verification batch, identical masks once and empty masks not at all.
 */
public final class PairExplainer {
    /** The pseudo-attribute of the no-attribute ablation: the counterfactual region alone. */
    static final String COUNTERFACTUAL_REGION = "Counterfactual region";

    private final ExplainerModels models;

    public PairExplainer(ExplainerModels models) {
        this.models = models;
    }

    /** Explains two faces that are aligned crops already. */
    public ExplainedPair explain(UUID jobId, FaceImage a, FaceImage b, ExplainOptions options, long decodeMillis,
                                 Consumer<String> progress) {
        return explain(jobId, FacePreparer.Prepared.crop(a, "a"), FacePreparer.Prepared.crop(b, "b"), options,
                decodeMillis, progress);
    }

    /**
     * @param a        the first face, aligned, and where it came from
     * @param progress told the stage the job is in, for status reports
     */
    public ExplainedPair explain(UUID jobId, FacePreparer.Prepared a, FacePreparer.Prepared b, ExplainOptions options,
                                 long decodeMillis, Consumer<String> progress) {
        long start = System.nanoTime();
        Map<String, FaceImage> faces = new LinkedHashMap<>();
        faces.put("a", a.canvas());
        faces.put("b", b.canvas());
        List<String[]> directions = options.bothDirections()
                ? List.of(new String[] {"a", "b"}, new String[] {"b", "a"})
                : List.<String[]>of(new String[] {"a", "b"});

        progress.accept("computing maps");
        List<String> names = List.copyOf(faces.keySet());
        List<DirectionMaps> maps = new ArrayList<>();
        try (ProbePasses passes = ProbePasses.open(models.identification(), models.attributes(),
                List.copyOf(faces.values()))) {
            Map<String, IdentitySet> identities = new LinkedHashMap<>();
            for (String face : names) {
                identities.put(face, identitiesOf(passes.of(models.identification()), names.indexOf(face), options));
            }
            for (String[] d : directions) {
                maps.add(mapsOf(d[0], d[1], names.indexOf(d[0]), faces.get(d[0]), passes, identities, options));
            }
        }
        long mapsDone = System.nanoTime();

        progress.accept("re-scoring erased faces");
        Rescoring scores = Rescoring.of(faces, maps, models.verification());
        long rescored = System.nanoTime();

        List<DirectionExplanation> explained = new ArrayList<>();
        List<MapImage> images = new ArrayList<>();
        for (DirectionMaps m : maps) {
            explained.add(describe(jobId, m, scores, faces.get(m.probe), images));
        }
        PairExplanation result = new PairExplanation(PairExplanation.SCHEMA, jobId, Similarity.of(scores.s0()),
                List.copyOf(explained), bothMasked(maps, scores), models.refs(), options,
                new Timings(decodeMillis, millis(mapsDone - start), millis(rescored - mapsDone),
                        decodeMillis + millis(System.nanoTime() - start)), List.of(a.placement(), b.placement()));
        return new ExplainedPair(result, List.copyOf(images));
    }

    private IdentitySet identitiesOf(ProbePass pass, int face, ExplainOptions options) {
        Identifier identifier = models.identifier();
        float[] logits = identifier.logits(pass, face);
        return IdentitySelector.select(logits, identifier.probabilities(logits), identifier.labels(), options);
    }

    private DirectionMaps mapsOf(String probe, String counter, int face, FaceImage canvas,
                                 ProbePasses passes, Map<String, IdentitySet> identities,
                                 ExplainOptions options) {
        int w = canvas.width();
        int h = canvas.height();
        IdentitySet probeIds = identities.get(probe);
        IdentitySet counterIds = identities.get(counter);
        ProbePass idPass = passes.of(models.identification());

        Heatmap idMap = null;
        Heatmap counterIdMap = null;
        Counterfactual counterfactual = null;
        if (options.variant() != Variant.NO_COUNTERFACTUAL) {
            idMap = identityMap(idPass, face, probeIds, w, h);
            counterIdMap = identityMap(idPass, face, counterIds, w, h);
            counterfactual = Counterfactual.of(idMap, counterIdMap, IdentitySelector.overlap(probeIds, counterIds),
                    options.sameIdentityFallback());
        }

        FaceImage noise = FaceImage.noise(w, h, options.seed() + (probe.equals("a") ? 0 : 1));
        List<AttributeMaps> attributes = new ArrayList<>();
        List<String> unreadModels = List.of();
        if (options.variant() == Variant.NO_ATTRIBUTE) {
            String name = models.identification().descriptor().name();
            attributes.add(AttributeMaps.erase(COUNTERFACTUAL_REGION, "counterfactual region", name, 0, 1.0, true,
                    null, counterfactual.map(), canvas, noise, options));
        } else {
            HeadReading.Readings readings = HeadReading.Readings.of(models.attributes(), models.landmarks(), passes,
                    face, canvas);
            unreadModels = readings.unreadModels();
            for (HeadReading head : readings.heads()) {
                Heatmap joint = options.variant() == Variant.NO_COUNTERFACTUAL
                        ? head.map().minMax()
                        : counterfactual.map().times(head.map());
                if (options.normalizeJoint() && options.variant() == Variant.FULL) {
                    joint = joint.minMax();
                }
                attributes.add(AttributeMaps.erase(head.attribute(), head.word(), head.model(), head.classIndex(),
                        head.probability(), head.eligible(), head.map(), joint, canvas, noise, options));
            }
        }
        return new DirectionMaps(probe, counter, probeIds, counterIds, idMap, counterIdMap, counterfactual,
                List.copyOf(attributes), unreadModels);
    }

    /** The mean of the normalised Grad-CAM maps of each identity of the set, at canvas size (method §2.4). */
    private Heatmap identityMap(ProbePass pass, int face, IdentitySet identities, int w, int h) {
        List<Heatmap> maps = new ArrayList<>();
        for (IdentityMatch id : identities.classes()) {
            maps.add(models.identifier().map(pass, face, id.index()).resize(w, h));
        }
        return Heatmap.mean(maps);
    }

    private DirectionExplanation describe(UUID jobId, DirectionMaps m, Rescoring scores, FaceImage canvas,
                                          List<MapImage> images) {
        double s0 = scores.s0();
        List<AttributeScore> attributes = new ArrayList<>();
        List<String> emptyMasks = new ArrayList<>();
        List<HeatmapRef> refs = new ArrayList<>();
        if (m.idMap() != null) {
            refs.add(store(jobId, m.probe(), HeatmapKind.ID, null, m.idMap(), canvas, images));
            refs.add(store(jobId, m.probe(), HeatmapKind.COUNTER_ID, null, m.counterIdMap(), canvas, images));
            refs.add(store(jobId, m.probe(), HeatmapKind.COUNTERFACTUAL, null, m.counterfactual().map(), canvas,
                    images));
        }
        for (AttributeMaps a : m.attributes()) {
            attributes.add(new AttributeScore(a.attribute(), a.word(), a.model(), a.classIndex(), a.probability(),
                    a.eligible(), scores.erasedVsCounter(m, a), scores.erasedVsProbe(m, a),
                    a.mask().erasedFraction()));
            if (a.mask().isEmpty()) {
                emptyMasks.add(a.attribute());
            }
            if (a.attributeMap() != null) {
                refs.add(store(jobId, m.probe(), HeatmapKind.ATTRIBUTE, a.attribute(), a.attributeMap(), canvas,
                        images));
            }
            refs.add(store(jobId, m.probe(), HeatmapKind.JOINT, a.attribute(), a.joint(), canvas, images));
            refs.add(store(jobId, m.probe(), HeatmapKind.MASK, a.attribute(), a.mask().toHeatmap(), a.erased(),
                    images));
        }
        AttributeRanking ranking = AttributeRanking.of(attributes, s0);
        Counterfactual cf = m.counterfactual();
        DirectionFlags flags = new DirectionFlags(IdentitySelector.overlap(m.probeIds(), m.counterIds()),
                cf != null && cf.degenerate(), cf != null && cf.fallback(), List.copyOf(emptyMasks),
                m.unreadModels());
        return new DirectionExplanation(m.probe(), m.counter(), m.probeIds(), m.counterIds(), List.copyOf(attributes),
                ranking.words(), ranking.mostCharacteristic(), flags, List.copyOf(refs));
    }

    private static HeatmapRef store(UUID jobId, String probe, HeatmapKind kind, String attribute, Heatmap map,
                                    FaceImage background, List<MapImage> images) {
        MapImage image = MapImage.of(jobId, probe, kind, attribute, map, background);
        images.add(image);
        return image.ref();
    }

    /** Both faces erased by their own mask of the same attribute (method §2.9), when both directions ran. */
    private static List<BothMaskedScore> bothMasked(List<DirectionMaps> maps, Rescoring scores) {
        if (maps.size() < 2) {
            return List.of();
        }
        List<BothMaskedScore> out = new ArrayList<>();
        DirectionMaps first = maps.get(0);
        DirectionMaps second = maps.get(1);
        for (AttributeMaps a : first.attributes()) {
            for (AttributeMaps b : second.attributes()) {
                if (a.attribute().equals(b.attribute()) && a.model().equals(b.model())) {
                    double s = scores.bothErased(first, a, second, b);
                    out.add(new BothMaskedScore(a.attribute(), s, Similarity.angular(s), a.eligible() || b.eligible()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** The maps and masks of one direction, before re-scoring. */
    record DirectionMaps(String probe, String counter, IdentitySet probeIds, IdentitySet counterIds, Heatmap idMap,
                         Heatmap counterIdMap, Counterfactual counterfactual, List<AttributeMaps> attributes,
                         List<String> unreadModels) {
    }

    /** One attribute of one direction: its maps, its mask and the erased probe face. */
    record AttributeMaps(String attribute, String word, String model, int classIndex, double probability,
                         boolean eligible, Heatmap attributeMap, Heatmap joint, EraseMask mask, FaceImage erased) {

        static AttributeMaps erase(String attribute, String word, String model, int classIndex, double probability,
                                   boolean eligible, Heatmap attributeMap, Heatmap joint, FaceImage canvas,
                                   FaceImage noise, ExplainOptions options) {
            EraseMask mask = EraseMask.where(joint, options.eraseThreshold());
            return new AttributeMaps(attribute, word, model, classIndex, probability, eligible, attributeMap, joint,
                    mask, canvas.erase(mask, options.fill(), noise));
        }
    }
}
