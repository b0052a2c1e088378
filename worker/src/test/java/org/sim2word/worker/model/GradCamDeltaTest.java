package org.sim2word.worker.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.GradCam;
import org.sim2word.worker.engine.Heatmap;

/**
 * Grad-CAM through the delta input equals Grad-CAM computed by hand: FaceRes's embedding is the mean of its last
 * feature map, so ∂cos(e, u)/∂F[k,i,j] = (u_k − cos·ê_k) / (|e|·49) exactly.
 */
class GradCamDeltaTest {

    @Test
    void autograd_through_the_delta_input_gives_the_analytic_cosine_gradient() throws IOException {
        ProbeNet net = TestHome.registry().probeNet("hse-faceres");
        List<FaceImage> faces = ModelGoldenTest.inputs("hse-faceres", ModelGoldenTest.golden("hse-faceres"));
        float[] other;
        try (ProbePass pass = net.probe(List.of(faces.get(1)))) {
            other = IdentityGallery.unit(pass.output(0, "embedding"));
        }
        try (ProbePass pass = net.probe(List.of(faces.get(0)))) {
            float[] e = pass.output(0, "embedding");
            float[] features = pass.output(0, "features");
            float[] unit = IdentityGallery.unit(e);
            double norm = 0;
            double cos = 0;
            for (int k = 0; k < e.length; k++) {
                norm += (double) e[k] * e[k];
                cos += (double) unit[k] * other[k];
            }
            norm = Math.sqrt(norm);
            float[] gradient = new float[features.length];
            for (int k = 0; k < e.length; k++) {
                float g = (float) ((other[k] - cos * unit[k]) / (norm * 49));
                for (int p = 0; p < 49; p++) {
                    gradient[k * 49 + p] = g;
                }
            }
            Heatmap expected = GradCam.map(features, gradient, 1024, 7, 7);
            Heatmap actual = pass.cosineMap(0, other);
            double worst = 0;
            for (int i = 0; i < 49; i++) {
                worst = Math.max(worst, Math.abs(expected.at(i) - actual.at(i)));
            }
            assertTrue(expected.max() == 1f, "the map is not degenerate");
            assertTrue(worst < 1e-4, "max |Δ| between autograd and analytic maps: " + worst);
        }
    }

    @Test
    void faces_batched_in_one_pass_get_the_maps_they_get_alone() throws IOException {
        ProbeNet net = TestHome.registry().probeNet("hse-faceres");
        List<FaceImage> faces = ModelGoldenTest.inputs("hse-faceres", ModelGoldenTest.golden("hse-faceres"));
        float[] direction;
        try (ProbePass pass = net.probe(List.of(faces.get(2)))) {
            direction = IdentityGallery.unit(pass.output(0, "embedding"));
        }
        try (ProbePass both = net.probe(List.of(faces.get(0), faces.get(1)))) {
            for (int f = 0; f < 2; f++) {
                try (ProbePass alone = net.probe(List.of(faces.get(f)))) {
                    assertMapsClose(alone.cosineMap(0, direction), both.cosineMap(f, direction));
                    assertMapsClose(alone.logitMap(0, "gender", 0), both.logitMap(f, "gender", 0));
                    assertMapsClose(alone.logitMap(0, "age_group", 1), both.logitMap(f, "age_group", 1));
                }
            }
        }
    }

    private static void assertMapsClose(Heatmap expected, Heatmap actual) {
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(expected.at(i) - actual.at(i)));
        }
        assertTrue(worst < 1e-5, "max |Δ| between a batched and a lone face: " + worst);
    }
}
