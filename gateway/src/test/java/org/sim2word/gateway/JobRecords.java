package org.sim2word.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sim2word.common.messaging.Topics;

/** Reads the jobs topic as a worker would, with a plain consumer, to see what the gateway really sent. */
public final class JobRecords {

    private JobRecords() {
    }

    /** Every record on {@link Topics#JOBS} keyed by {@code jobId}, waiting until there is at least one. */
    public static List<ConsumerRecord<String, String>> await(UUID jobId) {
        return await(jobId, 1);
    }

    /** Waits until {@code count} records keyed by {@code jobId} are on the topic. */
    public static List<ConsumerRecord<String, String>> await(UUID jobId, int count) {
        String key = jobId.toString();
        return Eventually.await(count + " record(s) keyed " + key + " on " + Topics.JOBS, Duration.ofSeconds(30), () -> {
            List<ConsumerRecord<String, String>> found = all().stream().filter(r -> key.equals(r.key())).toList();
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
    }

    private static List<ConsumerRecord<String, String>> all() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOBS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
