package org.sim2word.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sim2word.common.messaging.Topics;

/** application.properties cannot name Java constants, so this keeps its topic and group equal to common's. */
class AggregatorConfigTest {

    @Test
    void consumesTheJobEventsTopicInTheAggregatorGroup() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertEquals(Topics.JOB_EVENTS, properties.getProperty("mp.messaging.incoming.job-events.topic"));
        assertEquals(Topics.AGGREGATOR_GROUP, properties.getProperty("mp.messaging.incoming.job-events.group.id"));
    }
}
