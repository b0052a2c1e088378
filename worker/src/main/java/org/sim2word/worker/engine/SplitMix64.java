package org.sim2word.worker.engine;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, 2014). Spelled out rather than taken from
 * {@code java.util.SplittableRandom} so that the random fill is specified bit for bit and any other
 * implementation (the Python reference) reproduces it from the seed.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform integer in 0..255: the top byte of the next value. */
    public int nextByte() {
        return (int) (nextLong() >>> 56);
    }
}
