package org.sim2word.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.sim2word.common.json.Json;
import org.sim2word.gateway.Sql;

/**
 * Writes table {@code installed_model} as a worker announces its models at start-up. The descriptors are those of
 * docs/models.md, cut to the fields the gateway reads plus a few it passes through untouched.
 */
final class ModelRows {
    static final String FACERES_SHA = "b28ba2b31007d3df239cf798a0a90ec3b646571c315bb598b0b14cf4eac8f600";
    static final String DLIB_SHA = "4cbd37a3a7b2b2d1d67b3f2fa1e1c43e7e03b8b0d9b7b1a9e8e5a8a1ba0f6f21";

    static final String FACERES = """
            {"schema": 1, "name": "hse-faceres", "version": "HSE FaceRes faceres.json (@vladmandic/human 3.3.6)",
             "description": "HSE FaceRes: MobileNet trunk trained on VGGFace2.", "license": "Apache-2.0",
             "source": {"registry": "npm", "package": "@vladmandic/human", "version": "3.3.6"},
             "file": "model.pt", "sha256": "%s", "roles": ["identification", "attribute"],
             "input": {"width": 224, "height": 224, "channels": "RGB", "layout": "NCHW", "scale": 1.0,
                       "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "resize": "bilinear"},
             "inputs": ["image", "delta"], "embedding": "embedding",
             "gradcam": {"layer": "conv_pw_13_relu/clip_by_value", "output": "features", "exposure": "delta-input"},
             "heads": [{"attribute": "Gender", "output": "gender", "kind": "categorical",
                        "classes": ["Male", "Female"]},
                       {"attribute": "Age", "output": "age_group", "kind": "categorical",
                        "classes": ["Young", "Middle Aged", "Senior"]}]}""".formatted(FACERES_SHA);

    static final String DLIB = """
            {"schema": 1, "name": "dlib-resnet29", "version": "dlib_face_recognition_resnet_model_v1",
             "description": "dlib ResNet-29 metric net.", "license": "CC0-1.0", "file": "model.pt",
             "sha256": "%s", "roles": ["verification"],
             "input": {"width": 150, "height": 150, "channels": "RGB", "mean": [122.782, 117.001, 104.298],
                       "std": [256.0, 256.0, 256.0]},
             "embedding": "embedding", "heads": []}""".formatted(DLIB_SHA);

    static final String EMOTION = """
            {"schema": 1, "name": "emotion", "description": "oarriaga mini-Xception (FER-2013).", "license": "MIT",
             "file": "model.pt", "sha256": "9f00", "roles": ["attribute"], "input": {"width": 64, "height": 64},
             "heads": [{"attribute": "Smiling", "output": "smiling", "kind": "yes-no", "classes": ["yes", "no"]},
                       {"attribute": "Neutral expression", "output": "neutral", "kind": "yes-no",
                        "classes": ["yes", "no"]}]}""";

    static final String EVIDENTIAL = """
            {"schema": 1, "name": "vggface2-evidential", "description": "The paper's evidential net E.",
             "license": "MIT", "file": "model.pt", "sha256": "e1e1", "roles": ["uncertainty"],
             "input": {"width": 224, "height": 224},
             "uncertainty": {"output": "logits", "evidence": "relu", "lambda": 200.0, "classes": 8631,
                             "labels": null}}""";

    private final Sql sql;

    ModelRows(Sql sql) {
        this.sql = sql;
    }

    /** No worker has registered any model. */
    void clear() {
        sql.update("delete from installed_model");
    }

    /** One worker announced one model {@code secondsAgo}; name, checksum and roles are the descriptor's. */
    void announce(String worker, String descriptor, int secondsAgo) {
        JsonNode d = Json.read(descriptor, JsonNode.class);
        List<String> roles = new ArrayList<>();
        d.path("roles").forEach(role -> roles.add(role.asText()));
        sql.update("insert into installed_model (name, worker, descriptor, sha256, roles, seen_at) "
                        + "values (?, ?, ?::jsonb, ?, string_to_array(?, ','), now() - ? * interval '1 second')",
                d.get("name").asText(), worker, descriptor, d.get("sha256").asText(), String.join(",", roles),
                secondsAgo);
    }
}
