package org.sim2word.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway's own settings. */
@ConfigMapping(prefix = "sim2word.gateway")
public interface GatewayConfig {

    /** Faces larger than this are refused with 413 before anything is decoded. */
    @WithDefault("10M")
    MemorySize maxImageBytes();

    /** How long the heatmap links in a job's result stay valid. */
    @WithDefault("1h")
    Duration presignedUrlExpiry();

    /** How long a request waits for Kafka to acknowledge its jobs before leaving them to the republisher. */
    @WithDefault("5s")
    Duration publishTimeout();

    Republish republish();

    interface Republish {
        /** How often the republisher looks; its {@code @Scheduled} annotation reads the same key. */
        @WithDefault("5s")
        Duration every();

        /**
         * How old an unacknowledged queued job must be before it is sent again. Longer than the publish timeout,
         * so the republisher does not race a request that is still waiting for its ack.
         */
        @WithDefault("30s")
        Duration grace();

        /** At most this many jobs per sweep, so a long Kafka outage is drained in bounded steps. */
        @WithDefault("500")
        int batchSize();
    }
}
