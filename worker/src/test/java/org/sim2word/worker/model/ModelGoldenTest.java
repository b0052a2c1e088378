package org.sim2word.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.json.Json;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;

/**
 * The converted models, loaded by DJL on libtorch, reproduce the golden outputs that dlib's C++ and TF.js computed
 * on the same pixels (deploy/models/golden).
 */
class ModelGoldenTest {

    @Test
    void the_dlib_verification_net_reproduces_dlib_cpp_descriptors() throws IOException {
        ModelRegistry registry = TestHome.registry();
        VerificationNet net = registry.verificationNet("dlib-resnet29", 8);
        JsonNode golden = golden("dlib-resnet29");
        double tolerance = golden.get("tolerance").asDouble();
        List<FaceImage> faces = inputs("dlib-resnet29", golden);
        float[][] embeddings = net.embed(faces);
        for (int i = 0; i < faces.size(); i++) {
            assertClose(floats(golden.get("cases").get(i).get("outputs").get("embedding")), embeddings[i], tolerance,
                    "dlib case " + i);
        }
    }

    @Test
    void faceres_reproduces_tfjs_embedding_gender_age_and_features() throws IOException {
        ProbeNet net = TestHome.registry().probeNet("hse-faceres");
        JsonNode golden = golden("hse-faceres");
        double tolerance = golden.get("tolerance").asDouble();
        List<FaceImage> faces = inputs("hse-faceres", golden);
        for (int i = 0; i < faces.size(); i++) {
            JsonNode expected = golden.get("cases").get(i).get("outputs");
            try (ProbePass pass = net.probe(List.of(faces.get(i)))) {
                assertClose(floats(expected.get("embedding")), pass.output(0, "embedding"), tolerance, "embedding " + i);
                float[] gender = pass.output(0, "gender");
                assertEquals(expected.get("p_male").asDouble(), Math.exp(gender[0]), tolerance, "P(male) " + i);
                assertEquals(1.0, Math.exp(gender[0]) + Math.exp(gender[1]), 1e-5, "gender log-probabilities");
                assertClose(floats(expected.get("age")), pass.output(0, "age"), tolerance, "age " + i);
                float[] features = pass.output(0, "features");
                double sum = 0;
                for (float f : features) {
                    sum += f;
                }
                assertEquals(expected.get("features_sum").asDouble(), sum, 1e-5 * Math.abs(sum), "features sum " + i);
                assertClose(floats(expected.get("features_channel0")), java.util.Arrays.copyOf(features, 49),
                        tolerance, "features channel 0, case " + i);
            }
        }
    }

    @Test
    void a_batch_gives_the_same_embeddings_as_faces_one_at_a_time() throws IOException {
        VerificationNet net = TestHome.registry().verificationNet("dlib-resnet29", 8);
        List<FaceImage> faces = inputs("dlib-resnet29", golden("dlib-resnet29"));
        float[][] batch = net.embed(faces);
        for (int i = 0; i < faces.size(); i++) {
            assertClose(net.embed(List.of(faces.get(i)))[0], batch[i], 1e-5, "face " + i);
        }
    }

    static JsonNode golden(String model) throws IOException {
        return Json.mapper().readTree(TestHome.registry().directory(model).resolve("golden.json").toFile());
    }

    /** The exact pixels the golden outputs were computed from: HWC uint8 RGB at the model's input size. */
    static List<FaceImage> inputs(String model, JsonNode golden) throws IOException {
        Path dir = TestHome.registry().directory(model).resolve("golden-inputs");
        List<FaceImage> faces = new ArrayList<>();
        for (int i = 0; i < golden.get("cases").size(); i++) {
            JsonNode c = golden.get("cases").get(i);
            byte[] bytes = Files.readAllBytes(dir.resolve(i + ".rgb"));
            float[] rgb = new float[bytes.length];
            for (int j = 0; j < bytes.length; j++) {
                rgb[j] = bytes[j] & 0xFF;
            }
            faces.add(FaceImage.of(c.get("width").asInt(), c.get("height").asInt(), rgb));
        }
        return faces;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(worst <= tolerance, what + ": max |Δ| " + worst + " exceeds " + tolerance);
    }
}
