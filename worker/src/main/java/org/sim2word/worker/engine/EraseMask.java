package org.sim2word.worker.engine;

import java.util.BitSet;

/**
 * The pixels to erase: where the joint map J &gt; τ (method §2.8, with the one meaning of §6.9). Masks are
 * compared by value so that identical masks are re-scored once.
 */
public final class EraseMask {
    private final int width;
    private final int height;
    private final BitSet erased;

    private EraseMask(int width, int height, BitSet erased) {
        this.width = width;
        this.height = height;
        this.erased = erased;
    }

    /** Maps hold float32, so τ is compared as float32 too: a value equal to τ when stored is not erased. */
    public static EraseMask where(Heatmap joint, double threshold) {
        float tau = (float) threshold;
        BitSet bits = new BitSet(joint.size());
        for (int i = 0; i < joint.size(); i++) {
            if (joint.at(i) > tau) {
                bits.set(i);
            }
        }
        return new EraseMask(joint.width(), joint.height(), bits);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isErased(int index) {
        return erased.get(index);
    }

    public boolean isEmpty() {
        return erased.isEmpty();
    }

    public double erasedFraction() {
        return (double) erased.cardinality() / (width * height);
    }

    /** 1 where erased, 0 elsewhere: for storing the mask as a map. */
    public Heatmap toHeatmap() {
        float[] v = new float[width * height];
        for (int i = erased.nextSetBit(0); i >= 0; i = erased.nextSetBit(i + 1)) {
            v[i] = 1f;
        }
        return Heatmap.of(width, height, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EraseMask m && m.width == width && m.height == height && m.erased.equals(erased);
    }

    @Override
    public int hashCode() {
        return erased.hashCode() * 31 + width;
    }
}
