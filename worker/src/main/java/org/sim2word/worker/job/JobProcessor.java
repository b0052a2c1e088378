package org.sim2word.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sim2word.common.job.JobKind;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.worker.explain.Explainers;
import org.sim2word.worker.fault.MissingInputException;
import org.sim2word.worker.fault.ServiceUnavailableException;
import org.sim2word.worker.image.UnusableImageException;
import org.sim2word.worker.messaging.JobEvents;
import org.sim2word.worker.messaging.JobHandler;
import org.sim2word.worker.persistence.JobStore;
import org.sim2word.worker.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one job from its message to a final state. Faults of the job itself (an unusable image, a missing input,
 * options this worker cannot serve) fail it with a reason; unreachable storage or database is waited out; a job
 * whose deliveries keep dying is failed after {@code maxAttempts}. No path ends without a final state or a
 * redelivery.
 */
public final class JobProcessor implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JobStore jobs;
    private final java.util.Map<JobKind, JobRunner> runners;
    private final JobEvents events;
    private final JobPolicy policy;
    /** Set when the worker stops: what fails from then on may be the stopping itself, not the job. */
    private volatile boolean stopping;

    /**
     * @param defaultUncertaintyModel the evidential model of identification jobs that name none, or null for the
     *                                labelled substitute
     */
    public JobProcessor(JobStore jobs, ObjectStore store, Explainers explainers, String defaultUncertaintyModel,
                        JobEvents events, ExecutorService uploadPool, JobPolicy policy) {
        this.jobs = jobs;
        this.events = events;
        this.policy = policy;
        MapUploader uploader = new MapUploader(store, uploadPool);
        this.runners = java.util.Map.of(
                JobKind.PAIR, new PairJobRunner(jobs, store, uploader, explainers),
                JobKind.IDENTIFY, new IdentificationJobRunner(jobs, store, uploader, explainers,
                        defaultUncertaintyModel));
    }

    /** The worker is stopping: a job that breaks from now on is left for the next delivery, not failed. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        JobMessage message = readOrDeadLetter(record);
        if (message == null) {
            return;
        }
        UUID id = message.jobId();
        OptionalInt attempts = patiently("claim job " + id, () -> jobs.claim(id, policy.workerId()));
        if (attempts.isEmpty()) {
            LOG.info("Job {} is {} already; this delivery is a duplicate and is skipped", id,
                    patiently("read job " + id, () -> jobs.state(id)).map(JobState::wireName).orElse("unknown"));
            return;
        }
        if (attempts.getAsInt() > policy.maxAttempts()) {
            String reason = "gave up after " + policy.maxAttempts() + " deliveries: the worker stopped while "
                    + "explaining this job every time (it may be too large or crash the models)";
            events.deadLetter(record, reason);
            finishFailed(message, reason);
            return;
        }
        LOG.info("Job {} started (delivery {})", id, attempts.getAsInt());
        events.stateChanged(id, message.evaluationId(), JobState.RUNNING);
        try {
            JobRunner runner = runners.get(message.kind());
            runner.check(message);
            String summary = patiently("explain job " + id, () -> runner.run(message));
            if (summary == null) {
                LOG.info("Job {} was finished by another delivery; this result is discarded", id);
            } else {
                LOG.info("Job {} succeeded: {}", id, summary);
                events.stateChanged(id, message.evaluationId(), JobState.SUCCEEDED);
            }
        } catch (UnusableImageException | MissingInputException | UnservableJobException e) {
            finishFailed(message, e.getMessage());
        } catch (ServiceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (stopping) {
                throw new ServiceUnavailableException("job " + id + " was cut short by the worker stopping ("
                        + e + "); it is left for the next delivery", e);
            }
            LOG.error("Job {} failed on an internal error", id, e);
            finishFailed(message, "internal error: " + e);
        }
    }

    private void finishFailed(JobMessage message, String reason) {
        if (patiently("fail job " + message.jobId(), () -> jobs.fail(message.jobId(), reason))) {
            LOG.info("Job {} failed: {}", message.jobId(), reason);
            events.stateChanged(message.jobId(), message.evaluationId(), JobState.FAILED);
        }
    }

    /** The record as a job message, or null after parking it on the dead-letter topic and failing its job. */
    private JobMessage readOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        String problem;
        try {
            JobMessage message = Json.read(record.value(), JobMessage.class);
            if (message.schema() == JobMessage.SCHEMA) {
                return message;
            }
            problem = "job message schema " + message.schema() + " is not " + JobMessage.SCHEMA;
        } catch (RuntimeException e) {
            problem = "unreadable job message: " + rootMessage(e);
        }
        LOG.warn("Record {} at {}-{}@{} is dead-lettered: {}", record.key(), record.topic(), record.partition(),
                record.offset(), problem);
        events.deadLetter(record, problem);
        UUID id = uuidOrNull(record.key());
        String reason = "the job's message could not be read: " + problem;
        if (id != null && patiently("fail job " + id, () -> jobs.fail(id, reason))) {
            events.stateChanged(id, null, JobState.FAILED);
        }
        return null;
    }

    /** Runs {@code work}, waiting out unreachable services with growing pauses for up to the policy's limit. */
    private <T> T patiently(String what, Supplier<T> work) {
        Instant deadline = Instant.now().plus(policy.retryFor());
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            try {
                return work.get();
            } catch (ServiceUnavailableException e) {
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw e;
                }
                LOG.warn("Could not {} ({}); trying again in {} s", what, e.getMessage(), pause.toSeconds());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
            }
        }
    }

    private static UUID uuidOrNull(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
