package org.sim2word.worker;

import ai.djl.Device;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sim2word.worker.engine.FaceImage;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.explain.ModelChoice;
import org.sim2word.worker.explain.PairExplainer;
import org.sim2word.worker.job.JobPolicy;
import org.sim2word.worker.job.JobProcessor;
import org.sim2word.worker.messaging.JobConsumer;
import org.sim2word.worker.messaging.JobEvents;
import org.sim2word.worker.model.LibtorchThreads;
import org.sim2word.worker.model.ModelRegistry;
import org.sim2word.worker.persistence.JobStore;
import org.sim2word.worker.persistence.ModelAnnouncements;
import org.sim2word.worker.persistence.ModelAnnouncer;
import org.sim2word.worker.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: models loaded and warmed up, connections open, consumers polling. Closing it lets each
 * consumer finish the job in hand, then releases everything.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    private final ModelRegistry registry;
    private final HikariDataSource dataSource;
    private final ObjectStore store;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService uploads;
    private final List<JobConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final HealthServer health;
    private final ModelAnnouncer announcer;
    private final JobProcessor processor;
    /** Completed with what killed a job consumer: an Error such as OutOfMemoryError, which no job should survive. */
    private final CompletableFuture<Throwable> consumerDeath = new CompletableFuture<>();

    private Worker(WorkerConfig config) {
        long start = System.nanoTime();
        String workerId = config.get("sim2word.worker.id").isEmpty() ? defaultId() : config.get("sim2word.worker.id");
        int concurrency = config.getInt("sim2word.worker.concurrency");
        LibtorchThreads.configure(config.getInt("sim2word.models.threads"));

        registry = ModelRegistry.scan(config.getPath("sim2word.models.dir"), device(config.get("sim2word.models.device")));
        ModelChoice defaults = new ModelChoice(config.get("sim2word.models.identification"),
                Arrays.stream(config.get("sim2word.models.attributes").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                config.get("sim2word.models.verification"));
        Explainers explainers = new Explainers(registry, config.getPath("sim2word.gallery.dir"),
                config.getInt("sim2word.gallery.per-identity"), config.getInt("sim2word.models.max-batch"), defaults,
                Duration.parse(config.get("sim2word.models.batch-window")));
        PairExplainer explainer = explainers.forChoice(defaults);
        warmUp(explainer, explainers.galleryFaces());
        LOG.info("Models ready in {} ms: {} of {} installed", (System.nanoTime() - start) / 1_000_000, defaults,
                registry.descriptors().size());

        dataSource = dataSource(config);
        store = ObjectStore.connect(config.get("sim2word.s3.endpoint"), config.get("sim2word.s3.access-key"),
                config.get("sim2word.s3.secret-key"), config.get("sim2word.s3.bucket"));
        String bootstrap = config.get("kafka.bootstrap.servers");
        producer = producer(bootstrap, workerId);
        uploads = Executors.newFixedThreadPool(config.getInt("sim2word.worker.upload-threads"), r -> {
            Thread t = new Thread(r, "map-upload");
            t.setDaemon(true);
            return t;
        });
        JobPolicy policy = new JobPolicy(workerId, config.getInt("sim2word.worker.max-attempts"),
                Duration.parse(config.get("sim2word.worker.retry-for")));
        String uncertainty = config.get("sim2word.models.uncertainty");
        processor = new JobProcessor(new JobStore(dataSource), store, explainers,
                uncertainty.isEmpty() ? null : uncertainty,
                new JobEvents(producer), uploads, policy);
        for (int i = 0; i < concurrency; i++) {
            JobConsumer consumer = new JobConsumer(bootstrap, workerId + "-" + i, processor);
            Thread t = new Thread(consumer, "job-consumer-" + i);
            t.setUncaughtExceptionHandler((thread, e) -> {
                LOG.error("{} died of {}; the worker takes no more jobs and exits, for its supervisor to start it "
                        + "again (the job in hand is delivered again)", thread.getName(), e, e);
                consumerDeath.complete(e);
            });
            consumers.add(consumer);
            threads.add(t);
        }
        announcer = announceModels(new ModelAnnouncements(dataSource), workerId,
                Duration.parse(config.get("sim2word.worker.announce-every")));
        health = HealthServer.start(config.getInt("sim2word.worker.http-port"), workerId, defaults, registry,
                () -> consumerDeath.isDone() ? "a job consumer died of " + consumerDeath.getNow(null) : null);
        threads.forEach(Thread::start);
        LOG.info("Worker {} consuming jobs with {} consumer(s) from {}", workerId, concurrency, bootstrap);
    }

    public static Worker start(WorkerConfig config) {
        return new Worker(config);
    }

    /**
     * Blocks until every consumer has stopped, or one has died.
     *
     * @return what killed a consumer, or null when they all stopped as asked
     */
    public Throwable awaitTermination() throws InterruptedException {
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> threads.forEach(Worker::joinQuietly));
        try {
            CompletableFuture.anyOf(stopped, consumerDeath).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return consumerDeath.getNow(null);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        LOG.info("Worker stopping: finishing the jobs in hand");
        processor.stopping();
        consumers.forEach(JobConsumer::stop);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        announcer.close();
        if (health != null) {
            health.close();
        }
        uploads.shutdown();
        try {
            uploads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        try {
            store.close();
        } catch (Exception e) {
            LOG.warn("Closing the object store client: {}", e.getMessage());
        }
        dataSource.close();
        registry.close();
        LOG.info("Worker stopped");
    }

    /**
     * libtorch's first calls of a TorchScript model are slow (its profiling executor); one explained pair before
     * consuming makes the first user's job as fast as the rest.
     */
    private static void warmUp(PairExplainer explainer, Map<String, List<FaceImage>> galleryFaces) {
        List<FaceImage> faces = galleryFaces.values().stream().flatMap(List::stream).limit(2).toList();
        FaceImage a = faces.get(0);
        FaceImage b = faces.size() > 1 ? faces.get(1) : faces.get(0);
        explainer.explain(java.util.UUID.randomUUID(), a, b, org.sim2word.common.job.ExplainOptions.defaults(), 0,
                stage -> { });
    }

    /** Tells the gateway, which runs no model, which models this worker runs. */
    private ModelAnnouncer announceModels(ModelAnnouncements announcements, String workerId, Duration every) {
        List<ModelAnnouncements.InstalledModel> models = registry.descriptors().stream()
                .map(d -> new ModelAnnouncements.InstalledModel(d.name(), registry.descriptorJson(d.name()),
                        d.sha256(), d.roles()))
                .toList();
        return ModelAnnouncer.start(announcements, workerId, models, every);
    }

    private static Device device(String name) {
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "gpu" -> Device.gpu();
            default -> throw new IllegalStateException("sim2word.models.device must be cpu or gpu, is " + name);
        };
    }

    private static HikariDataSource dataSource(WorkerConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.get("sim2word.db.url"));
        h.setUsername(config.get("sim2word.db.user"));
        h.setPassword(config.get("sim2word.db.password"));
        h.setMaximumPoolSize(config.getInt("sim2word.db.pool-size"));
        h.setPoolName("sim2word-worker");
        // Start even if the database is down for now: jobs wait for it rather than the worker dying.
        h.setInitializationFailTimeout(-1);
        return new HikariDataSource(h);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String workerId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, workerId + "-events");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
