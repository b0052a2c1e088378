package org.sim2word.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sim2word.worker.Johns;
import org.sim2word.worker.TestHome;
import org.sim2word.worker.engine.FaceImage;

class BatchingEmbedderTest {

    @Test
    void requests_of_concurrent_jobs_share_one_forward_and_each_gets_its_own_rows() throws Exception {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        VerificationNet.Forward forward = faces -> {
            batchSizes.add(faces.size());
            float[][] out = new float[faces.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new float[] {faces.get(i).width()};
            }
            return out;
        };
        try (BatchingEmbedder embedder = new BatchingEmbedder(forward, 32, Duration.ofMillis(500))) {
            ExecutorService jobs = Executors.newFixedThreadPool(3);
            CountDownLatch ready = new CountDownLatch(3);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int job = 1; job <= 3; job++) {
                int size = 40 + job;
                results.add(jobs.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return embedder.embed(List.of(FaceImage.of(size, 1, new float[size * 3]),
                            FaceImage.of(size, 1, new float[size * 3])));
                }));
            }
            for (int job = 1; job <= 3; job++) {
                float[][] mine = results.get(job - 1).get();
                assertEquals(2, mine.length);
                assertEquals(40 + job, mine[0][0], "each job gets the rows of its own faces");
            }
            jobs.shutdown();
        }
        assertEquals(6, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.size() < 3, "the three jobs' faces went through fewer than three forwards: "
                + batchSizes);
    }

    @Test
    void shared_batches_give_the_embeddings_of_separate_ones() {
        TorchModel dlib = TestHome.registry().model("dlib-resnet29");
        List<FaceImage> faces = List.of(Johns.face("John_Simm", 3), Johns.face("John_Salley", 3));
        float[][] alone = new VerificationNet(dlib, 8).embed(faces);
        float[][] shared = new VerificationNet(dlib, 8, Duration.ofMillis(5)).embed(faces);
        for (int i = 0; i < faces.size(); i++) {
            assertArrayEquals(alone[i], shared[i], 1e-5f);
        }
    }
}
