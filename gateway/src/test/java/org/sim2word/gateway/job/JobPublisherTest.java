package org.sim2word.gateway.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.sim2word.common.job.ExplainOptions;
import org.sim2word.common.job.JobMessage;
import org.sim2word.common.messaging.Topics;

class JobPublisherTest {
    private final FakeEmitter emitter = new FakeEmitter();
    private final RecordingJobs jobs = new RecordingJobs();
    private final JobPublisher publisher = new JobPublisher(emitter, jobs, Runnable::run, Duration.ofMillis(300));

    @Test
    void anAcknowledgedJobIsRecordedAsEnqueued() {
        emitter.answer = Answer.ACK;
        JobMessage job = job();
        assertEquals(1, publisher.publish(List.of(job)));
        assertEquals(Set.of(job.jobId()), jobs.enqueued);
    }

    @Test
    void eachRecordIsKeyedByItsJobIdOnTheJobsTopic() {
        emitter.answer = Answer.ACK;
        JobMessage job = job();
        publisher.publish(List.of(job));
        OutgoingKafkaRecordMetadata<?> metadata = emitter.sent.get(0).getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(job.jobId().toString(), metadata.getKey());
        assertEquals(Topics.JOBS, metadata.getTopic());
    }

    @Test
    void aRefusedJobIsLeftForTheRepublisher() {
        emitter.answer = Answer.NACK;
        assertEquals(0, publisher.publish(List.of(job())));
        assertTrue(jobs.enqueued.isEmpty());
    }

    @Test
    void anEmitterThatThrowsLeavesTheJobForTheRepublisher() {
        emitter.answer = Answer.THROW;
        assertEquals(0, publisher.publish(List.of(job())));
        assertTrue(jobs.enqueued.isEmpty());
    }

    @Test
    void anAckThatComesLateIsStillRecorded() {
        emitter.answer = Answer.NONE;
        JobMessage job = job();
        assertEquals(0, publisher.publish(List.of(job)));
        emitter.sent.get(0).ack();
        assertEquals(Set.of(job.jobId()), jobs.enqueued);
    }

    @Test
    void aJobStillWaitingForItsAckIsNotSentAgain() {
        emitter.answer = Answer.NONE;
        JobMessage job = job();
        publisher.publish(List.of(job));
        publisher.publish(List.of(job));
        assertEquals(1, emitter.sent.size());
        emitter.sent.get(0).ack();
        publisher.publish(List.of(job));
        assertEquals(2, emitter.sent.size());
    }

    private static JobMessage job() {
        return JobMessage.pair(UUID.randomUUID(), null, "images/a.png", "images/b.png", ExplainOptions.defaults(),
                Instant.now());
    }

    enum Answer { ACK, NACK, THROW, NONE }

    static final class FakeEmitter implements Emitter<JobMessage> {
        final List<Message<? extends JobMessage>> sent = new CopyOnWriteArrayList<>();
        Answer answer = Answer.ACK;

        @Override
        public <M extends Message<? extends JobMessage>> void send(M message) {
            switch (answer) {
                case ACK -> {
                    sent.add(message);
                    message.ack();
                }
                case NACK -> {
                    sent.add(message);
                    message.nack(new IllegalStateException("broker unreachable"));
                }
                case THROW -> throw new IllegalStateException("buffer full");
                case NONE -> sent.add(message);
            }
        }

        @Override
        public CompletionStage<Void> send(JobMessage payload) {
            throw new UnsupportedOperationException("the publisher sends messages with metadata");
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    static final class RecordingJobs extends JobRepository {
        final Set<UUID> enqueued = ConcurrentHashMap.newKeySet();

        RecordingJobs() {
            super(null);
        }

        @Override
        public void markEnqueued(UUID id) {
            enqueued.add(id);
        }
    }
}
