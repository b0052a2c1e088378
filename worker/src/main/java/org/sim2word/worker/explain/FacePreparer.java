package org.sim2word.worker.explain;

import java.util.List;
import org.sim2word.common.job.Alignment;
import org.sim2word.common.job.FaceSelection;
import org.sim2word.common.result.FacePlacement;
import org.sim2word.worker.align.AlignedFace;
import org.sim2word.worker.align.AlignmentTemplate;
import org.sim2word.worker.align.DetectedFace;
import org.sim2word.worker.align.FaceAligner;
import org.sim2word.worker.align.FaceFinder;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.image.UnusableImageException;

/**
 * Turns an uploaded photo into the aligned face crop the method works on (method §2.1), and says where in the photo
 * that face was. A square 112, 150 or 224 pixel upload is taken as an aligned crop unless alignment is forced or the
 * caller chose a face in it.
 */
public final class FacePreparer {
    private static final List<Integer> CROP_SIZES = List.of(112, 150, 224);
    /**
     * The largest image taken as a crop as it is: every map of a job is kept at crop size, a few hundred of them, so
     * a whole photo taken as a crop would run a worker out of memory.
     */
    public static final int MAX_CROP_SIDE = 640;

    private final FaceFinder finder;

    /** @param finder the face finder, or null when the detection models are not installed */
    public FacePreparer(FaceFinder finder) {
        this.finder = finder;
    }

    /** A face crop and its provenance. */
    public record Prepared(FaceImage canvas, FacePlacement placement) {
        /** An upload that was an aligned crop already. */
        public static Prepared crop(FaceImage canvas, String image) {
            return new Prepared(canvas, new FacePlacement(image, false, null, null, null, null, null, canvas.width(),
                    canvas.height()));
        }
    }

    /**
     * @param image "a" or "b"
     * @param name  how the photo is called in error messages, e.g. "face a"
     * @throws UnusableImageException when no face, or not the requested one, can be found
     */
    public Prepared prepare(FaceImage photo, String image, Alignment alignment, FaceSelection selection, String name) {
        boolean crop = photo.width() == photo.height() && CROP_SIZES.contains(photo.width());
        if (alignment.mode().equals(Alignment.NEVER)) {
            if (Math.max(photo.width(), photo.height()) > MAX_CROP_SIDE) {
                throw new UnusableImageException(name + " is " + photo.width() + "×" + photo.height() + " pixels; with "
                        + "alignment 'never' it is taken as the face crop as it is, and crops may be at most "
                        + MAX_CROP_SIDE + " pixels a side: crop or shrink it, or let the worker find and align the "
                        + "face (alignment 'auto')");
            }
            return Prepared.crop(photo, image);
        }
        if (alignment.mode().equals(Alignment.AUTO) && crop && !selection.isChosen()) {
            return Prepared.crop(photo, image);
        }
        if (finder == null) {
            throw new UnusableImageException(name + " is a " + photo.width() + "×" + photo.height() + " photo, which "
                    + "needs face detection, but this worker has no detection models installed (blazeface, facemesh);"
                    + " send an aligned 112, 150 or 224 pixel face crop, or install them with deploy/models/install.sh");
        }
        List<DetectedFace> faces = finder.find(photo);
        if (selection.box() != null && (selection.box().get(2) > photo.width() + 1
                || selection.box().get(3) > photo.height() + 1)) {
            throw new UnusableImageException(name + ": the box " + selection.box() + " reaches outside the "
                    + photo.width() + "×" + photo.height() + " photo");
        }
        int index = selection.box() == null ? (selection.index() == null ? 0 : selection.index())
                : overlapping(faces, selection.box(), name);
        DetectedFace face = FaceFinder.select(faces, index, name, photo.width(), photo.height());
        AlignedFace aligned = FaceAligner.align(photo, face, template(alignment.template()));
        return new Prepared(aligned.image(), new FacePlacement(image, true, alignment.template(), faces.size(), index,
                List.of(face.x1(), face.y1(), face.x2(), face.y2()), face.score(), aligned.image().width(),
                aligned.image().height()));
    }

    /** The index of the found face that overlaps the box most (intersection over union). */
    private static int overlapping(List<DetectedFace> faces, List<Double> box, String name) {
        int best = -1;
        double bestIou = 0;
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            double ix = Math.max(0, Math.min(f.x2(), box.get(2)) - Math.max(f.x1(), box.get(0)));
            double iy = Math.max(0, Math.min(f.y2(), box.get(3)) - Math.max(f.y1(), box.get(1)));
            double inter = ix * iy;
            double union = f.width() * f.height() + (box.get(2) - box.get(0)) * (box.get(3) - box.get(1)) - inter;
            if (inter / union > bestIou) {
                bestIou = inter / union;
                best = i;
            }
        }
        if (best < 0) {
            throw new UnusableImageException(name + ": no face was found inside the box " + box + " ("
                    + faces.size() + " found elsewhere in the photo)");
        }
        return best;
    }

    static AlignmentTemplate template(String name) {
        return switch (name) {
            case "dlib-150" -> AlignmentTemplate.DLIB_150;
            case "vggface-224" -> AlignmentTemplate.VGGFACE_224;
            case "arcface-112" -> AlignmentTemplate.ARCFACE_112;
            default -> throw new IllegalArgumentException("unknown alignment template " + name);
        };
    }
}
