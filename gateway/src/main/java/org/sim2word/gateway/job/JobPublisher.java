package org.sim2word.gateway.job;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.messaging.Topics;
import org.sim2word.gateway.GatewayConfig;

/**
 * Hands jobs to Kafka and records which ones Kafka acknowledged. A job whose ack does not come in time is not an
 * error for the caller: its row keeps {@code enqueued_at} null and {@link UnpublishedJobSweeper} sends it again.
 */
@ApplicationScoped
public class JobPublisher {
    private static final Logger LOG = Logger.getLogger(JobPublisher.class);

    private final Emitter<JobMessage> emitter;
    private final JobRepository jobs;
    private final Executor blocking;
    private final Duration timeout;
    // A job whose send is still pending is not sent again, so a slow broker does not collect duplicates.
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    @Inject
    public JobPublisher(@Channel("jobs") Emitter<JobMessage> emitter, JobRepository jobs, ManagedExecutor blocking,
                        GatewayConfig config) {
        this(emitter, jobs, blocking, config.publishTimeout());
    }

    JobPublisher(Emitter<JobMessage> emitter, JobRepository jobs, Executor blocking, Duration timeout) {
        this.emitter = emitter;
        this.jobs = jobs;
        this.blocking = blocking;
        this.timeout = timeout;
    }

    /**
     * Sends every message keyed by its job id and waits up to the publish timeout for the acks.
     *
     * @return how many of the jobs Kafka acknowledged in time; the others are left to the republisher
     */
    public int publish(List<JobMessage> messages) {
        List<CompletableFuture<Void>> pending = new ArrayList<>(messages.size());
        for (JobMessage message : messages) {
            if (inFlight.add(message.jobId())) {
                pending.add(send(message));
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Kafka did not acknowledge every job within %d ms; the republisher will send the rest again",
                    timeout.toMillis());
        } catch (ExecutionException e) {
            // Each failure was logged with its job; what matters here is how many got through.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (int) pending.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
    }

    /** Sends one job just accepted; if Kafka does not acknowledge it in time, the republisher will send it. */
    public void publishAccepted(JobMessage message) {
        if (publish(List.of(message)) == 0) {
            LOG.warnf("Job %s is accepted but not yet on Kafka; the republisher will send it", message.jobId());
        }
    }

    /** Whether a send of this job is still waiting for Kafka's answer. */
    public boolean isInFlight(UUID jobId) {
        return inFlight.contains(jobId);
    }

    /** Completes once Kafka acknowledged the message and the row says so. */
    private CompletableFuture<Void> send(JobMessage message) {
        UUID id = message.jobId();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(id.toString()).withTopic(Topics.JOBS).build());
        try {
            emitter.send(Message.of(message, metadata,
                    () -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        acked.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            // The emitter refuses outright when its buffer is full or the channel is down.
            acked.completeExceptionally(e);
        }
        // Recording the ack is blocking JDBC, so it leaves Kafka's callback thread. A late ack is still recorded.
        return acked.thenRunAsync(() -> jobs.markEnqueued(id), blocking)
                .whenComplete((ignored, failure) -> {
                    inFlight.remove(id);
                    if (failure == null) {
                        LOG.debugf("Job %s is on Kafka topic %s", id, Topics.JOBS);
                    } else if (acked.isCompletedExceptionally()) {
                        LOG.warnf("Job %s did not reach Kafka (%s); the republisher will send it again", id,
                                rootMessage(failure));
                    } else {
                        LOG.warnf("Job %s reached Kafka but the database did not record it (%s); the republisher "
                                + "will send it again and the worker will see it twice", id, rootMessage(failure));
                    }
                });
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
