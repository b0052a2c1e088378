package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.sim2word.common.messaging.Topics;

class KafkaBrokerTest {
    private final KafkaBroker kafka = LocalServices.shared().kafka();

    @Test
    void the_project_topics_exist_with_their_partition_counts() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of(Topics.JOBS, Topics.JOB_EVENTS, Topics.DEAD_LETTER)).allTopicNames().get();
            assertEquals(6, topics.get(Topics.JOBS).partitions().size());
            assertEquals(6, topics.get(Topics.JOB_EVENTS).partitions().size());
            assertEquals(1, topics.get(Topics.DEAD_LETTER).partitions().size());
        }
    }

    @Test
    void records_produced_to_the_jobs_topic_reach_a_consumer_group() {
        String run = UUID.randomUUID().toString();
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                String key = run + "-" + i;
                producer.send(new ProducerRecord<>(Topics.JOBS, key, "{\"n\":" + i + "}"));
                sent.add(key);
            }
            producer.flush();
        }
        List<String> received = consumeKeys(kafka.bootstrapServers(), Topics.JOBS, "test-" + run, run, 5);
        assertEquals(sent.stream().sorted().toList(), received.stream().sorted().toList());
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** The keys starting with {@code prefix}, read from the beginning by a new group, until {@code count} came. */
    static List<String> consumeKeys(String bootstrap, String topic, String group, String prefix, int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keys.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        keys.add(r.key());
                    }
                }
            }
        }
        assertTrue(keys.size() >= count, "only " + keys.size() + " of " + count + " records came back");
        return keys;
    }
}
