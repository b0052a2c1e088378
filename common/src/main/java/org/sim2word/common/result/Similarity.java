package org.sim2word.common.result;

/**
 * A cosine similarity and its angular display value 1 − arccos(s)/π (method §2.9), which lies in [0, 1].
 */
public record Similarity(double cosine, double angular) {

    public static Similarity of(double cosine) {
        return new Similarity(cosine, angular(cosine));
    }

    public static double angular(double cosine) {
        double clamped = Math.max(-1.0, Math.min(1.0, cosine));
        return 1.0 - Math.acos(clamped) / Math.PI;
    }
}
