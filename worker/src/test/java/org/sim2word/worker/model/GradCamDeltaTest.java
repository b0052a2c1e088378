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
        try (ProbePass pass = net.probe(faces.get(1))) {
            other = IdentityGallery.unit(pass.output("embedding"));
        }
        try (ProbePass pass = net.probe(faces.get(0))) {
            float[] e = pass.output("embedding");
            float[] features = pass.output("features");
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
            Heatmap actual = pass.cosineMap(other);
            double worst = 0;
            for (int i = 0; i < 49; i++) {
                worst = Math.max(worst, Math.abs(expected.at(i) - actual.at(i)));
            }
            assertTrue(expected.max() == 1f, "the map is not degenerate");
            assertTrue(worst < 1e-4, "max |Δ| between autograd and analytic maps: " + worst);
        }
    }
}
