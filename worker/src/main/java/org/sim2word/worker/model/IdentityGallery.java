package org.sim2word.worker.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.engine.Heatmap;
import org.sim2word.worker.engine.Softmax;

/**
 * Enrolled identities that turn an embedding net into the identification net R: a cosine classifier whose class
 * weights are the identities' mean unit embeddings, as the paper's VGGFace2-ArcFace head is a cosine classifier
 * (method §3.3). Probabilities are a softmax over cosines scaled by {@link #SCALE}, the ArcFace convention (§6.15);
 * unscaled cosines would give every class nearly the same probability.
 */
public final class IdentityGallery implements Identifier {
    public static final float SCALE = 64f;

    private final List<String> labels;
    private final float[][] unitCentroids;
    private final int enrolledFaces;

    private IdentityGallery(List<String> labels, float[][] unitCentroids, int enrolledFaces) {
        this.labels = List.copyOf(labels);
        this.unitCentroids = unitCentroids;
        this.enrolledFaces = enrolledFaces;
    }

    /** Enrols every identity's faces with {@code net}; identities keep the order of the map. */
    public static IdentityGallery enrol(ProbeNet net, Map<String, List<FaceImage>> facesByIdentity, int maxBatch) {
        if (facesByIdentity.isEmpty()) {
            throw new IllegalArgumentException("a gallery needs at least one identity");
        }
        List<String> labels = new ArrayList<>();
        List<FaceImage> faces = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (Map.Entry<String, List<FaceImage>> e : new LinkedHashMap<>(facesByIdentity).entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("identity " + e.getKey() + " has no faces");
            }
            labels.add(e.getKey());
            for (FaceImage f : e.getValue()) {
                faces.add(f);
                owner.add(labels.size() - 1);
            }
        }
        float[][] embeddings = net.embed(faces, maxBatch);
        int dim = embeddings[0].length;
        float[][] centroids = new float[labels.size()][dim];
        for (int i = 0; i < embeddings.length; i++) {
            float[] unit = unit(embeddings[i]);
            float[] c = centroids[owner.get(i)];
            for (int d = 0; d < dim; d++) {
                c[d] += unit[d];
            }
        }
        for (int k = 0; k < centroids.length; k++) {
            centroids[k] = unit(centroids[k]);
        }
        return new IdentityGallery(labels, centroids, faces.size());
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public int size() {
        return labels.size();
    }

    public int enrolledFaces() {
        return enrolledFaces;
    }

    /** The unit class weight of identity {@code index}. */
    public float[] centroid(int index) {
        return unitCentroids[index].clone();
    }

    /** cos(embedding, identity) for every identity: the classifier's logits. */
    public float[] cosines(float[] embedding) {
        float[] u = unit(embedding);
        float[] out = new float[unitCentroids.length];
        for (int k = 0; k < out.length; k++) {
            double dot = 0;
            for (int d = 0; d < u.length; d++) {
                dot += (double) u[d] * unitCentroids[k][d];
            }
            out[k] = (float) dot;
        }
        return out;
    }

    /** cos(e, g_c) for every identity, e the face's embedding in the pass. */
    @Override
    public float[] logits(ProbePass pass, int face) {
        return cosines(pass.output(face, pass.descriptor().embedding()));
    }

    /** softmax(SCALE · cosines). */
    @Override
    public float[] probabilities(float[] cosines) {
        return Softmax.of(cosines, SCALE);
    }

    @Override
    public Heatmap map(ProbePass pass, int face, int classIndex) {
        return pass.cosineMap(face, unitCentroids[classIndex]);
    }

    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        if (n == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
