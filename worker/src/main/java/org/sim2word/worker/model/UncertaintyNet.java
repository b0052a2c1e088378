package org.sim2word.worker.model;

import java.util.List;
import org.sim2word.common.result.UncertaintyMethod;
import org.sim2word.worker.engine.FaceImage;

/** How uncertain an identification is, per face: u in (0, 1] (method §3.5). */
public interface UncertaintyNet {

    /** u of each face, in order, with evidence scale λ. */
    double[] uncertainties(List<FaceImage> faces, double lambda);

    /** What computes u, and whether it is the labelled substitute. */
    UncertaintyMethod method();
}
