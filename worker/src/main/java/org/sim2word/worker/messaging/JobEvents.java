package org.sim2word.worker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.common.messaging.JobEvent;
import org.sim2word.common.messaging.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker tells the rest of the system through Kafka: job state changes on {@link Topics#JOB_EVENTS}, and
 * records it could not process on {@link Topics#DEAD_LETTER}, with the reason and origin in headers.
 */
public final class JobEvents {
    private static final Logger LOG = LoggerFactory.getLogger(JobEvents.class);
    private final Producer<String, byte[]> producer;

    public JobEvents(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Announces a state change. Best effort: the database already holds the state, and the aggregator also sweeps
     * for evaluations it was not told about, so a lost event delays a summary but loses nothing.
     */
    public void stateChanged(UUID jobId, UUID evaluationId, JobState state) {
        JobEvent event = new JobEvent(jobId, evaluationId, state, Instant.now());
        producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, jobId.toString(), Json.write(event).getBytes(
                StandardCharsets.UTF_8)), (metadata, error) -> {
                    if (error != null) {
                        LOG.warn("Could not announce that job {} is {}: {}", jobId, state.wireName(),
                                error.getMessage());
                    }
                });
    }

    /** Parks a record that cannot be processed, waiting until Kafka has it so it cannot be lost. */
    public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(),
                record.value());
        letter.headers().add(new RecordHeader(Topics.HEADER_ERROR, reason.getBytes(StandardCharsets.UTF_8)));
        letter.headers().add(new RecordHeader(Topics.HEADER_ORIGIN, (record.topic() + "-" + record.partition() + "@"
                + record.offset()).getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + record.key(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new org.sim2word.worker.fault.ServiceUnavailableException("Kafka did not take the dead letter for "
                    + record.key() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
