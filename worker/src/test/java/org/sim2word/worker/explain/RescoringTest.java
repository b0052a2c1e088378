package org.sim2word.worker.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.result.IdentitySet;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.explain.PairExplainer.AttributeMaps;
import org.sim2word.worker.explain.PairExplainer.DirectionMaps;
import org.sim2word.worker.model.VerificationNet;

class RescoringTest {

    @Test
    void identical_masks_share_one_embedding_and_empty_masks_reuse_the_face() {
        FaceImage a = Johns.face("John_Simm", 4);
        FaceImage b = Johns.face("John_Shimkus", 4);
        Map<String, FaceImage> faces = new LinkedHashMap<>();
        faces.put("a", a);
        faces.put("b", b);
        float[] left = new float[150 * 150];
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 75; x++) {
                left[y * 150 + x] = 1f;
            }
        }
        Heatmap half = Heatmap.of(150, 150, left);
        ExplainOptions o = ExplainOptions.defaults();
        FaceImage noise = FaceImage.noise(150, 150, 0);
        AttributeMaps first = AttributeMaps.erase("One", "One", "m", 0, 1, true, half, half, a, noise, o);
        AttributeMaps same = AttributeMaps.erase("Two", "Two", "m", 0, 1, true, half, half, a, noise, o);
        AttributeMaps none = AttributeMaps.erase("Three", "Three", "m", 0, 1, true, half, Heatmap.zeros(150, 150), a,
                noise, o);
        IdentitySet ids = new IdentitySet(List.of(), false);
        DirectionMaps d = new DirectionMaps("a", "b", ids, ids, null, null, null, List.of(first, same, none),
                List.of());

        VerificationNet net = TestHome.registry().verificationNet("dlib-resnet29", 8);
        Rescoring scores = Rescoring.of(faces, List.of(d), net);

        assertEquals(3, scores.embedded(), "a, b and one erased face");
        assertEquals(scores.erasedVsCounter(d, first), scores.erasedVsCounter(d, same), 0.0);
        assertEquals(scores.s0(), scores.erasedVsCounter(d, none), 0.0);
        assertEquals(1.0, scores.erasedVsProbe(d, none), 1e-9);
    }
}
