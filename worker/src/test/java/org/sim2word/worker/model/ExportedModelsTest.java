package org.sim2word.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.IdentifyOptions;
import org.sim2word.common.result.DirectionExplanation;
import org.sim2word.common.result.IdentificationExplanation;
import org.sim2word.common.result.IdentityMatch;
import org.sim2word.common.result.ModelRef;
import org.sim2word.common.result.PairExplanation;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.common.json.Json;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;

/**
 * The paper's checkpoints as {@code deploy/models/exporters/export.py} exports them, run by DJL on libtorch 2.5.1.
 * For a few kinds, random weights are written in the original checkpoint's container
 * ({@code tests/random_checkpoint.py}: the VGGFace2 numpy pickle, the attribute net's whole-model pickle in
 * DataParallel, an insightface state dict, a state dict with 'module.' keys), exported into a temporary folder, and
 * the folder is loaded exactly as the worker loads a model: {@link TorchModel#load} with the descriptor's checksum.
 * DJL's outputs and Grad-CAM maps must then equal what PyTorch wrote into {@code golden.json} from the eager rebuilt
 * network: the outputs to {@code tolerance·max(1, max|golden|)}, the maps to {@code map_tolerance}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportedModelsTest {
    /** kind → the checkpoint's original file name. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("vggface2-resnet50", "resnet50_scratch_weight.pkl");
        KINDS.put("attribute-resnet50", "Face-Attributes2.pth");
        KINDS.put("arcface-r50", "backbone.pth");
        KINDS.put("vggface2-arc", "vggface2-arc.pth");
        KINDS.put("vggface2-evidential", "vggface-evidential.pth");
    }

    /** The largest differences seen, per kind and comparison, printed at the end for the record. */
    private static final Map<String, Double> WORST = new java.util.TreeMap<>();

    private Path work;
    private final Map<String, Path> exported = new LinkedHashMap<>();
    private final Map<String, TorchModel> models = new LinkedHashMap<>();

    @BeforeAll
    void export() throws IOException, InterruptedException {
        Path exporters = repositoryRoot().resolve("deploy/models/exporters");
        work = Files.createTempDirectory("sim2word-exported-");
        for (Map.Entry<String, String> k : KINDS.entrySet()) {
            Path checkpoint = work.resolve(k.getKey()).resolve(k.getValue());
            Files.createDirectories(checkpoint.getParent());
            python(List.of(exporters.resolve("tests/random_checkpoint.py").toString(), k.getKey(),
                    checkpoint.toString()), work.resolve(k.getKey() + "-random.log"));
            Path out = work.resolve(k.getKey()).resolve("model");
            python(List.of(exporters.resolve("export.py").toString(), k.getKey(), checkpoint.toString(),
                    out.toString()), work.resolve(k.getKey() + "-export.log"));
            // The checkpoint has served its purpose; the exported folder is what a user installs.
            Files.delete(checkpoint);
            exported.put(k.getKey(), out);
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        WORST.forEach((k, v) -> System.out.printf("ExportedModelsTest: max %s = %.3g%n", k, v));
        models.values().forEach(TorchModel::close);
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vggface2-resnet50", "attribute-resnet50", "arcface-r50", "vggface2-arc"})
    void djl_reproduces_the_pytorch_outputs(String kind) throws IOException {
        TorchModel model = model(kind);
        ModelDescriptor d = model.descriptor();
        JsonNode golden = golden(kind);
        List<FaceImage> faces = faces(kind, golden);
        try (NDManager manager = model.newManager()) {
            NDArray x = manager.create(ModelInput.batch(faces, d.input()),
                    new Shape(ModelInput.shape(faces.size(), d.input())));
            NDList out = model.forward(new NDList(x, manager.zeros(new Shape(1))));
            assertEquals(d.outputs().size(), out.size(), "outputs");
            for (int o = 0; o < d.outputs().size(); o++) {
                ModelDescriptor.Output spec = d.outputs().get(o);
                float[] all = out.get(o).toFloatArray();
                int per = spec.elements();
                assertEquals(per * faces.size(), all.length, spec.name() + " size");
                for (int i = 0; i < faces.size(); i++) {
                    float[] mine = java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per);
                    JsonNode expected = golden.get("cases").get(i).get("outputs");
                    if (spec.name().equals(d.gradcam().output())) {
                        int plane = spec.shape().get(1) * spec.shape().get(2);
                        assertClose(floats(expected.get("features_channel0")), java.util.Arrays.copyOf(mine, plane),
                                golden, kind + " F channel 0, case " + i);
                        double sum = 0;
                        for (float f : mine) {
                            sum += f;
                        }
                        double want = expected.get("features_sum").asDouble();
                        assertEquals(want, sum, 1e-4 * Math.max(1, Math.abs(want)) + 1e-3, kind + " F sum " + i);
                    } else {
                        assertClose(floats(expected.get(spec.name())), mine, golden,
                                kind + " " + spec.name() + ", case " + i);
                    }
                }
            }
        }
    }

    /**
     * Every map golden.json holds (the cosine to the other face's embedding and each logit output at its argmax)
     * equals the worker's Grad-CAM through the delta input: one {@link ProbePass} (one recorded forward of both
     * faces) serves all of them, i.e. all 30 attribute maps of a face come from one forward.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vggface2-resnet50", "attribute-resnet50", "arcface-r50", "vggface2-arc"})
    void grad_cam_through_the_delta_input_reproduces_the_pytorch_maps(String kind) throws IOException {
        ProbeNet net = new ProbeNet(model(kind));
        JsonNode golden = golden(kind);
        double tolerance = golden.get("map_tolerance").asDouble();
        List<FaceImage> faces = faces(kind, golden);
        int maps = 0;
        try (ProbePass pass = net.probe(faces)) {
            for (int i = 0; i < faces.size(); i++) {
                JsonNode c = golden.get("cases").get(i);
                int other = (i + 1) % faces.size();
                float[] direction = IdentityGallery.unit(
                        floats(golden.get("cases").get(other).get("outputs").get("embedding")));
                for (JsonNode m : c.get("gradcam")) {
                    Heatmap map;
                    if (m.get("target").asText().equals("cosine")) {
                        map = pass.cosineMap(i, direction);
                    } else {
                        String output = m.get("output").asText();
                        int predicted = argmax(pass.output(i, output));
                        assertEquals(m.get("class").asInt(), predicted, kind + " " + output + " argmax, case " + i);
                        map = pass.logitMap(i, output, predicted);
                    }
                    assertMapClose(floats(m.get("map")), map, tolerance,
                            kind + " map of " + m.get("output").asText() + ", case " + i, kind);
                    maps++;
                }
            }
        }
        int logitOutputs = net.descriptor().outputs().size() - 2;
        assertEquals(faces.size() * (1 + logitOutputs), maps);
    }

    @Test
    void the_attribute_net_has_the_thirty_heads_and_the_worker_reads_their_words() throws IOException {
        ModelDescriptor d = model("attribute-resnet50").descriptor();
        assertEquals(List.of(ModelDescriptor.ROLE_ATTRIBUTE), d.roles());
        assertEquals(30, d.heads().size());
        assertEquals(87, d.heads().stream().mapToInt(h -> d.output(h.output()).elements()).sum());
        Map<String, ModelDescriptor.Head> heads = new LinkedHashMap<>();
        d.heads().forEach(h -> heads.put(h.attribute(), h));
        assertEquals("Female", heads.get("Gender").word(1));
        assertEquals("Unknown Hair", heads.get("Hair color").word(4));
        assertTrue(heads.get("Hair color").eligible(4), "categorical heads are always ranked");
        assertTrue(heads.get("Bald").eligible(0));
        assertFalse(heads.get("Bald").eligible(1));
        assertFalse(heads.get("Bald").eligible(2), "the undefined class is never ranked");
        assertEquals("5 o Clock Shadow", heads.get("5 o Clock Shadow").word(0));
        assertEquals(List.of("layer4.2.conv3", "features", "delta-input"),
                List.of(d.gradcam().layer(), d.gradcam().output(), d.gradcam().exposure()));
        assertEquals(List.of(91.4953, 103.8827, 131.0912), d.input().mean());
        assertEquals("BGR", d.input().channels());
    }

    /**
     * A net with a Grad-CAM layer also answers {@code forward(image)}: the worker's {@link VerificationNet} calls
     * it with the image alone, so the VGGFace2 ResNet-50 serves as identification net and as the paper's
     * "VGGFace2-verification" net from one folder, and the insightface nets as verification nets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vggface2-resnet50", "arcface-r50"})
    void verification_embeds_through_the_image_alone(String kind) throws IOException {
        TorchModel model = model(kind);
        assertTrue(model.descriptor().hasRole(ModelDescriptor.ROLE_VERIFICATION));
        JsonNode golden = golden(kind);
        List<FaceImage> faces = faces(kind, golden);
        float[][] embeddings = new VerificationNet(model, 8).embed(faces);
        for (int i = 0; i < faces.size(); i++) {
            assertClose(floats(golden.get("cases").get(i).get("outputs").get("embedding")), embeddings[i], golden,
                    kind + " embedding " + i);
        }
        float[][] single = new VerificationNet(model, 1).embed(faces.subList(1, 2));
        assertClose(embeddings[1], single[0], golden, kind + " batch of 2 vs 1");
    }

    /** The identification and uncertainty blocks, as written and as the worker's descriptor record reads them. */
    @Test
    void identification_through_the_nets_own_classes_is_described() throws IOException {
        JsonNode vgg = Json.mapper().readTree(exported.get("vggface2-resnet50").resolve("model.json").toFile());
        assertEquals("logits", vgg.get("identification").get("kind").asText());
        assertEquals("logits", vgg.get("identification").get("output").asText());
        assertEquals(8631, vgg.get("identification").get("classes").asInt());
        assertTrue(vgg.get("identification").get("labels").isNull(), "no labels without identity_meta.csv");
        JsonNode arc = Json.mapper().readTree(exported.get("vggface2-arc").resolve("model.json").toFile());
        assertEquals("cosine", arc.get("identification").get("kind").asText());
        assertEquals(64.0, arc.get("identification").get("scale").asDouble());
        ModelDescriptor parsed = model("vggface2-arc").descriptor();
        assertEquals(List.of(ModelDescriptor.ROLE_IDENTIFICATION), parsed.roles());
        assertEquals(List.of(8631), parsed.output("logits").shape());
        assertEquals(new ModelDescriptor.Identification("logits", "cosine", 64.0, 8631, null), parsed.identification());
        assertEquals(new ModelDescriptor.Identification("logits", "logits", 1.0, 8631, null),
                model("vggface2-resnet50").descriptor().identification());
        assertNull(model("arcface-r50").descriptor().identification());
        assertNull(model("attribute-resnet50").descriptor().uncertainty());
        assertTrue(model("arcface-r50").descriptor().heads().isEmpty());
        assertEquals("RGB", model("arcface-r50").descriptor().input().channels());
        assertEquals(List.of(127.5, 127.5, 127.5), model("arcface-r50").descriptor().input().std());
    }

    /**
     * The paper's exact configuration, from exported checkpoints, through the worker's explainers on real faces:
     * R = VGGFace2 ResNet-50 with its own 8631 classes, A = the 30-head attribute net, V = ArcFace r50, and E = the
     * evidential net for identifications. The weights are random, so only the mechanics are checked, not the words.
     */
    @Test
    void the_papers_configuration_runs_through_the_explainers() throws IOException {
        Path models = work.resolve("installed");
        Files.createDirectories(models);
        for (Map.Entry<String, Path> e : exported.entrySet()) {
            Path link = models.resolve(e.getKey());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, e.getValue());
            }
        }
        try (ModelRegistry registry = ModelRegistry.scan(models, Device.cpu())) {
            String r = registry.descriptor(registry.descriptors().stream().map(ModelDescriptor::name)
                    .filter(n -> n.startsWith("vggface2-resnet50")).findFirst().orElseThrow()).name();
            ModelChoice paper = new ModelChoice(r, List.of("attribute-resnet50"), "arcface-r50");
            Explainers explainers = new Explainers(registry, TestHome.johns(), 3, 16, paper);

            PairExplanation pair = explainers.forChoice(paper).explain(UUID.randomUUID(),
                    Johns.face("John_Salley", 5), Johns.face("John_Savage", 6), ExplainOptions.defaults(), 0,
                    stage -> { }).result();
            assertEquals(2, pair.directions().size());
            for (DirectionExplanation d : pair.directions()) {
                assertEquals(30, d.attributes().size());
                IdentityMatch top = d.probeIdentities().classes().get(0);
                assertEquals(String.valueOf(top.index()), top.label(), "without labels a class is its index");
                assertEquals(3 + 3 * 30, d.heatmaps().size());
            }
            assertEquals(List.of("identification", "attribute", "verification"),
                    pair.models().stream().map(ModelRef::role).toList());

            IdentificationExplanation id = explainers.forIdentification(r, List.of("attribute-resnet50"),
                    "vggface2-evidential").explain(UUID.randomUUID(), Johns.face("John_Simm", 4),
                    IdentifyOptions.defaults(), 0, stage -> { }).result();
            assertFalse(id.method().substitute(), "the evidential net, not the substitute");
            assertEquals("vggface2-evidential", id.method().model());
            assertTrue(id.original() > 0 && id.original() <= 1);
            assertEquals(30, id.attributes().size());
        }
    }

    // -----------------------------------------------------------------------------------------------------------

    private synchronized TorchModel model(String kind) throws IOException {
        TorchModel m = models.get(kind);
        if (m == null) {
            Path dir = exported.get(kind);
            ModelDescriptor d = Json.mapper().readValue(dir.resolve("model.json").toFile(), ModelDescriptor.class);
            m = TorchModel.load(d, dir, Device.cpu());
            models.put(kind, m);
        }
        return m;
    }

    private JsonNode golden(String kind) throws IOException {
        return Json.mapper().readTree(exported.get(kind).resolve("golden.json").toFile());
    }

    private List<FaceImage> faces(String kind, JsonNode golden) throws IOException {
        List<FaceImage> faces = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            byte[] bytes = Files.readAllBytes(exported.get(kind).resolve(c.get("input").asText()));
            float[] rgb = new float[bytes.length];
            for (int j = 0; j < bytes.length; j++) {
                rgb[j] = bytes[j] & 0xFF;
            }
            faces.add(FaceImage.of(c.get("width").asInt(), c.get("height").asInt(), rgb));
        }
        return faces;
    }

    private static void python(List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("sim2word.python", "/usr/bin/python3"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 10 minutes:\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** The repository root: the worker module's parent, found from the build's base directory. */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/models/exporters/export.py"))) {
                return p;
            }
        }
        throw new IllegalStateException("deploy/models/exporters/export.py not found above " + dir);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, JsonNode golden, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        double tolerance = golden.get("tolerance").asDouble() * scale;
        WORST.merge(golden.get("kind").asText() + " |Δ|/max(1,|golden|) of outputs", worst / scale, Math::max);
        assertTrue(worst <= tolerance, what + ": max |Δ| " + worst + " exceeds " + tolerance);
    }

    private static void assertMapClose(float[] expected, Heatmap actual, double tolerance, String what, String kind) {
        assertEquals(expected.length, actual.size(), what + ": size");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual.at(i)));
        }
        WORST.merge(kind + " |Δ| of Grad-CAM maps", worst, Math::max);
        assertTrue(worst <= tolerance, what + ": max |Δ| " + worst + " exceeds " + tolerance);
    }
}
