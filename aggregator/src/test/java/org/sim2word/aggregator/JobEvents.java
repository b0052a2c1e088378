package org.sim2word.aggregator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sim2word.common.job.JobState;
import org.sim2word.common.json.Json;
import org.sim2word.common.messaging.JobEvent;
import org.sim2word.common.messaging.Topics;

/** Publishes job events as the gateway and the workers do, and tells when the aggregator has consumed them. */
final class JobEvents implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final Admin admin;

    JobEvents(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @return where the event landed */
    RecordMetadata publish(UUID jobId, UUID evaluationId, JobState state) throws Exception {
        JobEvent event = new JobEvent(jobId, evaluationId, state, Instant.now());
        return producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, jobId.toString(), Json.write(event)))
                .get(30, TimeUnit.SECONDS);
    }

    /** A record no JobEvent reader can read, keyed like the job's events so that it lands in the same partition. */
    RecordMetadata publishUnreadable(UUID jobId) throws Exception {
        return producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, jobId.toString(), "{not json"))
                .get(30, TimeUnit.SECONDS);
    }

    /** Waits until the aggregators' group has committed past {@code event}, i.e. has handled it. */
    void awaitConsumed(RecordMetadata event, Duration timeout) throws Exception {
        TopicPartition partition = new TopicPartition(event.topic(), event.partition());
        Poll.until(timeout, "the aggregator to consume offset " + event.offset() + " of " + partition, () -> {
            OffsetAndMetadata committed = committedOffsets().get(partition);
            return committed != null && committed.offset() > event.offset();
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets()
            throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(Topics.AGGREGATOR_GROUP).partitionsToOffsetAndMetadata().get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
