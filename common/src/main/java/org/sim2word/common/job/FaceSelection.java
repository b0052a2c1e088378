package org.sim2word.common.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Which face of a photo with several faces to explain: by {@code index} among the faces found (0 is the largest),
 * or by a {@code box} [x1, y1, x2, y2] in the photo's pixels (the found face that overlaps it most). Neither means
 * the largest face.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaceSelection(Integer index, List<Double> box) {

    public FaceSelection {
        box = box == null ? null : List.copyOf(box);
    }

    public static FaceSelection largest() {
        return new FaceSelection(null, null);
    }

    /** Whether the caller chose a face, which only a search of the photo can honour. */
    public boolean isChosen() {
        return index != null || box != null;
    }

    /** @param alignment the job's alignment: a face cannot be chosen in an image that is never searched */
    public List<String> problems(String name, Alignment alignment) {
        List<String> problems = new ArrayList<>();
        if (index != null && box != null) {
            problems.add(name + ": give an index or a box, not both");
        }
        if (index != null && index < 0) {
            problems.add(name + ".index must be 0 or more, was " + index);
        }
        if (box != null && (box.size() != 4 || !(box.get(2) > box.get(0)) || !(box.get(3) > box.get(1)))) {
            problems.add(name + ".box must be [x1, y1, x2, y2] with x2 > x1 and y2 > y1, was " + box);
        }
        if (box != null && box.stream().anyMatch(v -> v < 0)) {
            problems.add(name + ".box must lie in the photo (pixel coordinates from 0), was " + box);
        }
        if (isChosen() && alignment.mode().equals(Alignment.NEVER)) {
            problems.add(name + " chooses a face, but alignment 'never' takes the image as the face crop it is; use "
                    + "alignment 'auto' or 'always' to have the photo searched");
        }
        return problems;
    }
}
