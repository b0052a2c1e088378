package org.sim2word.worker.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sim2word.common.messaging.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer of the jobs topic in the workers' group. A record's offset is committed only after its job
 * reached a final state, so a worker that dies mid-job leaves the record for the next one: at-least-once, with
 * the job table's guarded transitions turning duplicates into no-ops.
 */
public final class JobConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobConsumer.class);
    private static final Duration BACKOFF = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final JobHandler handler;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public JobConsumer(String bootstrapServers, String clientId, JobHandler handler) {
        Properties p = new Properties();
        p.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A job takes seconds to minutes: take one at a time and allow long gaps between polls.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1",
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(Duration.ofMinutes(20).toMillis()),
                // A worker that dies is noticed after 10 s instead of Kafka's 45, so its job moves on sooner;
                // heartbeats come from the client's own thread, so long jobs do not count against it.
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.JOBS));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    process(record);
                    if (!running.get()) {
                        break;
                    }
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            handler.handle(record);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        } catch (RuntimeException e) {
            LOG.warn("Job record {} at {}@{} will be delivered again: {}", record.key(), partition, record.offset(),
                    e.getMessage());
            consumer.seek(partition, record.offset());
            if (running.get()) {
                sleep(BACKOFF);
            }
        }
    }

    /**
     * Stops after the job in hand (polls wait at most a second), so its offset is committed if it finished. No
     * wakeup: it would break the commit of a job that just succeeded.
     */
    public void stop() {
        running.set(false);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
