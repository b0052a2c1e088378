package org.sim2word.worker.explain;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sim2word.common.json.Json;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.worker.Johns;

class ExplainersTest {

    @Test
    void a_choice_is_built_once_and_reused() {
        Explainers explainers = Johns.explainers();
        assertSame(explainers.forChoice(explainers.defaults()), explainers.forChoice(explainers.defaults()));
    }

    @Test
    void a_job_leaves_open_roles_to_the_workers_defaults() {
        ModelChoice defaults = Johns.explainers().defaults();
        ModelChoice chosen = defaults.overriddenBy(Json.read("{\"verificationModel\":\"other\"}",
                ExplainOptions.class));
        assertTrue(chosen.verification().equals("other") && chosen.identification().equals(defaults.identification())
                && chosen.attributes().equals(defaults.attributes()));
    }

    @Test
    void a_model_that_is_not_installed_is_named_with_the_installed_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Johns.explainers()
                .forChoice(new ModelChoice("hse-faceres", List.of("hse-faceres"), "arcface-r100")));
        assertTrue(e.getMessage().contains("model arcface-r100 is not installed (installed: ["), e.getMessage());
    }

    @Test
    void a_model_in_a_role_it_cannot_fill_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Johns.explainers()
                .forChoice(new ModelChoice("dlib-resnet29", List.of("hse-faceres"), "dlib-resnet29")));
        assertTrue(e.getMessage().contains("dlib-resnet29 cannot identify faces with Grad-CAM maps"), e.getMessage());
    }
}
