package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackToolsTest {
    @Test
    void the_broker_classpath_and_the_s3proxy_jar_were_resolved_at_build_time() {
        List<Path> kafka = StackTools.kafkaClasspath();
        assertTrue(kafka.stream().anyMatch(p -> p.getFileName().toString().equals("kafka_2.13-4.1.2.jar")), "" + kafka);
        assertTrue(kafka.stream().anyMatch(p -> p.getFileName().toString().startsWith("slf4j-simple-2.")), "" + kafka);
        assertTrue(kafka.stream().noneMatch(p -> p.toString().contains("s3proxy")), "" + kafka);
        assertTrue(kafka.stream().allMatch(Files::isRegularFile));
        assertTrue(StackTools.s3proxyJar().getFileName().toString().endsWith("-jar-with-dependencies.jar"));
    }

    @Test
    void neither_the_broker_nor_s3proxy_is_on_this_modules_classpath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("kafka.Kafka"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.gaul.s3proxy.Main"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.kafka.server.common.MetadataVersion"));
    }
}
