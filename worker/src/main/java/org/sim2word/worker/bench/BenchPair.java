package org.sim2word.worker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sim2word.worker.model.GalleryFaces;

/** Real pairs for the benchmark: gallery photos no identity was enrolled with, alternating people and labels. */
record BenchPair(Path a, Path b, boolean samePerson) {

    static List<BenchPair> of(Path johns, int enrolled, int count) throws java.io.IOException {
        List<List<Path>> people = new ArrayList<>();
        try (var dirs = Files.list(johns)) {
            for (Path person : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> photos = GalleryFaces.photosOf(person);
                people.add(photos.subList(Math.min(enrolled, photos.size()), photos.size()));
            }
        }
        List<BenchPair> pairs = new ArrayList<>();
        for (int i = 0; pairs.size() < count; i++) {
            List<Path> p = people.get(i % people.size());
            List<Path> q = people.get((i + 1) % people.size());
            int k = (i / people.size()) % (p.size() - 1);
            pairs.add(i % 3 == 2
                    ? new BenchPair(p.get(k), p.get(k + 1), true)
                    : new BenchPair(p.get(k), q.get(k % q.size()), false));
        }
        return pairs;
    }
}
