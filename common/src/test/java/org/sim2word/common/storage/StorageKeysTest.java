package org.sim2word.common.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sim2word.common.result.HeatmapKind;

class StorageKeysTest {
    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void maps_of_a_job_live_under_its_prefix_by_direction_and_attribute() {
        assertEquals("jobs/00000000-0000-0000-0000-000000000001/a/joint-5-o-clock-shadow.png",
                StorageKeys.rawMap(JOB, "a", HeatmapKind.JOINT, "5 o Clock Shadow"));
        assertEquals("jobs/00000000-0000-0000-0000-000000000001/b/counterfactual-overlay.png",
                StorageKeys.overlay(JOB, "b", HeatmapKind.COUNTERFACTUAL, null));
    }

    @Test
    void uploaded_images_are_content_addressed() {
        String sha = "ab".repeat(32);
        assertEquals("images/" + sha + ".jpg", StorageKeys.image(sha, "JPG"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.image("../../etc/passwd", "jpg"));
    }

    @Test
    void a_direction_is_a_or_b() {
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.rawMap(JOB, "c", HeatmapKind.ID, null));
    }
}
