package org.sim2word.worker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sim2word.worker.model.ModelGoldenTest.assertClose;
import static org.sim2word.worker.model.ModelGoldenTest.floats;
import static org.sim2word.worker.model.ModelGoldenTest.golden;
import static org.sim2word.worker.model.ModelGoldenTest.inputs;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;

/**
 * BlazeFace, FaceMesh and the emotion net, loaded by DJL on libtorch, reproduce what TF.js computed on the same
 * pixels (deploy/models/golden/human_golden.js), and the emotion net's Grad-CAM works through the delta input.
 */
class FaceModelsGoldenTest {

    @Test
    void blazeface_reproduces_tfjs_scores_boxes_and_keypoints() throws IOException {
        TorchModel model = TestHome.registry().model("blazeface");
        JsonNode golden = golden("blazeface");
        double tolerance = golden.get("tolerance").asDouble();
        List<FaceImage> faces = inputs("blazeface", golden);
        NDList out = forward(model, faces);
        float[] scores = out.get(model.descriptor().outputIndex("scores")).toFloatArray();
        float[] boxes = out.get(model.descriptor().outputIndex("boxes")).toFloatArray();
        float[] keypoints = out.get(model.descriptor().outputIndex("keypoints")).toFloatArray();
        int anchors = 896;
        for (int i = 0; i < faces.size(); i++) {
            JsonNode expected = golden.get("cases").get(i).get("outputs");
            JsonNode logits = expected.get("logits");
            for (int a = 0; a < anchors; a++) {
                double p = 1 / (1 + Math.exp(-logits.get(a).asDouble()));
                assertEquals(p, scores[i * anchors + a], 1e-5, "score of anchor " + a + ", case " + i);
            }
            for (JsonNode top : expected.get("top")) {
                int a = top.get("anchor").asInt();
                float[] box = java.util.Arrays.copyOfRange(boxes, (i * anchors + a) * 4, (i * anchors + a + 1) * 4);
                assertClose(floats(top.get("box")), box, tolerance, "box of anchor " + a);
                float[] kp = java.util.Arrays.copyOfRange(keypoints, (i * anchors + a) * 12, (i * anchors + a + 1) * 12);
                float[] want = new float[12];
                for (int k = 0; k < 6; k++) {
                    want[2 * k] = (float) top.get("keypoints").get(k).get(0).asDouble();
                    want[2 * k + 1] = (float) top.get("keypoints").get(k).get(1).asDouble();
                }
                assertClose(want, kp, tolerance, "keypoints of anchor " + a);
            }
        }
        out.getManager().close();
    }

    @Test
    void facemesh_reproduces_tfjs_landmarks_and_confidence() throws IOException {
        TorchModel model = TestHome.registry().model("facemesh");
        JsonNode golden = golden("facemesh");
        List<FaceImage> faces = inputs("facemesh", golden);
        NDList out = forward(model, faces);
        float[] landmarks = out.get(model.descriptor().outputIndex("landmarks")).toFloatArray();
        float[] confidence = out.get(model.descriptor().outputIndex("confidence")).toFloatArray();
        for (int i = 0; i < faces.size(); i++) {
            JsonNode expected = golden.get("cases").get(i).get("outputs");
            assertClose(floats(expected.get("mesh")), java.util.Arrays.copyOfRange(landmarks, i * 1404, (i + 1) * 1404),
                    golden.get("tolerance").asDouble(), "mesh, case " + i);
            assertEquals(expected.get("faceflag").asDouble(), confidence[i], 1e-5);
        }
        out.getManager().close();
    }

    @Test
    void the_emotion_net_reproduces_tfjs_and_its_seven_heads_are_yes_no_log_probabilities() throws IOException {
        ProbeNet net = TestHome.registry().probeNet("emotion");
        JsonNode golden = golden("emotion");
        double tolerance = golden.get("tolerance").asDouble();
        List<FaceImage> faces = inputs("emotion", golden);
        try (ProbePass pass = net.probe(faces)) {
            for (int i = 0; i < faces.size(); i++) {
                JsonNode expected = golden.get("cases").get(i).get("outputs");
                float[] lp = pass.output(i, "emotion");
                float[] p = new float[7];
                for (int k = 0; k < 7; k++) {
                    p[k] = (float) Math.exp(lp[k]);
                }
                assertClose(floats(expected.get("probabilities")), p, tolerance, "probabilities, case " + i);
                float[] features = pass.output(i, "features");
                float[] channel0 = new float[64];
                for (int c = 0; c < 64; c++) {
                    channel0[c] = features[c];
                }
                assertClose(floats(expected.get("features_channel0")), channel0, tolerance, "features, case " + i);
                List<ModelDescriptor.Head> heads = net.descriptor().heads();
                assertEquals(7, heads.size());
                for (int k = 0; k < 7; k++) {
                    float[] head = pass.output(i, heads.get(k).output());
                    assertEquals(lp[k], head[0], 1e-5, heads.get(k).attribute());
                    assertEquals(1.0, Math.exp(head[0]) + Math.exp(head[1]), 1e-5, heads.get(k).attribute());
                }
            }
        }
    }

    @Test
    void the_smiling_map_of_a_broad_smile_lies_on_the_lower_face() {
        // John Salley smiles broadly in every photo: Smiling is present and its Grad-CAM map, through the delta input
        // at the 8x8 feature map, is centred below the eyes
        ProbeNet net = TestHome.registry().probeNet("emotion");
        FaceImage face = Johns.face("John_Salley", 0);
        try (ProbePass pass = net.probe(List.of(face))) {
            float[] smiling = pass.output(0, "smiling");
            assertTrue(Math.exp(smiling[0]) > 0.9, "P(Smiling) " + Math.exp(smiling[0]));
            Heatmap map = pass.logitMap(0, "smiling", 0).resize(150, 150);
            double sy = 0;
            double s = 0;
            for (int y = 0; y < 150; y++) {
                for (int x = 0; x < 150; x++) {
                    sy += map.get(x, y) * y;
                    s += map.get(x, y);
                }
            }
            // the dlib chip's eyes are at y = 46.6 (AlignmentTemplate.DLIB_150), its mouth corners at 103
            System.out.printf("Smiling map of John_Salley 0: centroid y = %.1f of 150%n", sy / s);
            assertTrue(sy / s > 60, "centroid at y = " + sy / s);
        }
    }

    private static NDList forward(TorchModel model, List<FaceImage> faces) {
        NDManager manager = model.newManager();
        ModelDescriptor.Input spec = model.descriptor().input();
        var x = manager.create(ModelInput.batch(faces, spec), new Shape(ModelInput.shape(faces.size(), spec)));
        NDList out = model.forward(new NDList(x));
        out.attach(manager);
        return out;
    }
}
