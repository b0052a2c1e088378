package org.sim2word.common.storage;

import java.util.Locale;
import java.util.UUID;
import org.sim2word.common.result.HeatmapKind;

/**
 * Every object key in the bucket. Uploaded faces are content-addressed, so the same photo submitted twice is
 * stored once; a job's maps live under the job's prefix, so deleting a job's objects is one prefix.
 */
public final class StorageKeys {
    /** The default bucket; deployments may name another. */
    public static final String DEFAULT_BUCKET = "sim2word";

    private StorageKeys() {
    }

    /** An uploaded face, by the SHA-256 of its bytes. */
    public static String image(String sha256, String extension) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256);
        }
        return "images/" + sha256 + "." + extension.toLowerCase(Locale.ROOT);
    }

    public static String jobPrefix(UUID jobId) {
        return "jobs/" + jobId + "/";
    }

    /** The raw map (16-bit grey PNG) of one direction; {@code attribute} is null for the identity maps. */
    public static String rawMap(UUID jobId, String probe, HeatmapKind kind, String attribute) {
        return mapBase(jobId, probe, kind, attribute) + ".png";
    }

    /** The colour overlay of a map on the probe face (for masks: the erased face). */
    public static String overlay(UUID jobId, String probe, HeatmapKind kind, String attribute) {
        return mapBase(jobId, probe, kind, attribute) + "-overlay.png";
    }

    /** A file-name-safe form of an attribute name: "5 o Clock Shadow" → "5-o-clock-shadow". */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("name has no letters or digits: '" + name + "'");
        }
        return slug;
    }

    private static String mapBase(UUID jobId, String probe, HeatmapKind kind, String attribute) {
        if (!probe.equals("a") && !probe.equals("b")) {
            throw new IllegalArgumentException("probe must be a or b, was " + probe);
        }
        String name = attribute == null ? kind.wireName() : kind.wireName() + "-" + slug(attribute);
        return jobPrefix(jobId) + probe + "/" + name;
    }
}
