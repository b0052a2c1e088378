package org.sim2word.worker.engine;

/**
 * The evidential uncertainty of method §3.5: evidence = λ·ReLU(z), α = evidence + 1, u = K / Σ_k α_k, in (0, 1].
 * u is 1 when no class has positive evidence and falls as evidence for some class grows.
 */
public final class Evidence {
    private Evidence() {
    }

    public static double uncertainty(float[] logits, double lambda) {
        double strength = 0;
        for (float z : logits) {
            strength += lambda * Math.max(0f, z) + 1.0;
        }
        return logits.length / strength;
    }
}
