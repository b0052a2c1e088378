package org.sim2word.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Labelled pairs of dlib's "johns" photos (5 people × 11 photos) that the identity gallery has not seen: the worker
 * enrols each person's first {@link #ENROLLED} photos in file-name order, so pairs use the others.
 */
public final class JohnsPairs {
    public static final int ENROLLED = 3;

    /** Two photos and whether they show the same person. */
    public record LabelledPair(Path a, Path b, int label) {
        public String describe() {
            return a.getParent().getFileName() + "/" + a.getFileName() + " vs " + b.getParent().getFileName() + "/"
                    + b.getFileName() + (label == 1 ? " (same person)" : " (different people)");
        }
    }

    private JohnsPairs() {
    }

    /** {@code mated} same-person pairs and {@code nonMated} different-person pairs, alternating, deterministic. */
    public static List<LabelledPair> of(Path johns, int mated, int nonMated) {
        List<List<Path>> people = unseenPhotos(johns);
        List<LabelledPair> same = new ArrayList<>();
        for (int offset = 0; same.size() < mated && offset + 1 < maxPhotos(people); offset += 2) {
            for (List<Path> photos : people) {
                if (same.size() < mated && offset + 1 < photos.size()) {
                    same.add(new LabelledPair(photos.get(offset), photos.get(offset + 1), 1));
                }
            }
        }
        List<LabelledPair> different = new ArrayList<>();
        for (int k = 0; different.size() < nonMated && k < maxPhotos(people); k++) {
            for (int i = 0; i < people.size(); i++) {
                for (int j = i + 1; j < people.size() && different.size() < nonMated; j++) {
                    List<Path> pi = people.get(i);
                    List<Path> pj = people.get(j);
                    if (k < pi.size() && k < pj.size()) {
                        different.add(new LabelledPair(pi.get(k), pj.get((k + j) % pj.size()), 0));
                    }
                }
            }
        }
        if (same.size() < mated || different.size() < nonMated) {
            throw new IllegalArgumentException("the johns photos give at most " + same.size() + " same-person and "
                    + different.size() + " different-person pairs here");
        }
        List<LabelledPair> pairs = new ArrayList<>();
        for (int i = 0; i < Math.max(mated, nonMated); i++) {
            if (i < mated) {
                pairs.add(same.get(i));
            }
            if (i < nonMated) {
                pairs.add(different.get(i));
            }
        }
        return pairs;
    }

    private static int maxPhotos(List<List<Path>> people) {
        return people.stream().mapToInt(List::size).max().orElse(0);
    }

    private static List<List<Path>> unseenPhotos(Path johns) {
        try (Stream<Path> dirs = Files.list(johns)) {
            List<List<Path>> people = new ArrayList<>();
            for (Path person : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    List<Path> photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
                    people.add(photos.subList(Math.min(ENROLLED, photos.size()), photos.size()));
                }
            }
            if (people.size() < 2) {
                throw new IllegalStateException("expected the johns photos under " + johns
                        + "; run deploy/faces/fetch-johns.sh");
            }
            return people;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
