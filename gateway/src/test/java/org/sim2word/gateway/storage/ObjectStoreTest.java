package org.sim2word.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.MinioClient;
import io.quarkus.runtime.configuration.MemorySize;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sim2word.gateway.GatewayConfig;

class ObjectStoreTest {

    @Test
    void presignedLinksCarryThePublicHostAndTheConfiguredExpiry() throws Exception {
        S3Config s3 = s3("http://127.0.0.1:1", Optional.of("https://faces.example.org"));
        MinioClientProducer producer = new MinioClientProducer();
        try (MinioClient client = producer.client(s3); MinioClient presigner = producer.presigningClient(s3)) {
            ObjectStore store = new ObjectStore(client, presigner, s3, gateway(Duration.ofMinutes(10)));
            URI url = URI.create(store.presignedGet("jobs/x/a/id.png"));
            assertEquals("faces.example.org", url.getHost());
            assertEquals("/sim2word/jobs/x/a/id.png", url.getPath());
            assertTrue(url.getQuery().contains("X-Amz-Expires=600"), url.getQuery());
        }
    }

    @Test
    void withoutAPublicEndpointLinksUseTheGatewaysOwn() throws Exception {
        S3Config s3 = s3("http://127.0.0.1:1", Optional.empty());
        MinioClientProducer producer = new MinioClientProducer();
        try (MinioClient client = producer.client(s3); MinioClient presigner = producer.presigningClient(s3)) {
            ObjectStore store = new ObjectStore(client, presigner, s3, gateway(Duration.ofHours(1)));
            URI url = URI.create(store.presignedGet("k.png"));
            assertEquals("127.0.0.1", url.getHost());
            assertEquals(1, url.getPort());
        }
    }

    private static S3Config s3(String endpoint, Optional<String> publicEndpoint) {
        return new S3Config() {
            public String endpoint() {
                return endpoint;
            }

            public Optional<String> publicEndpoint() {
                return publicEndpoint;
            }

            public String accessKey() {
                return "key";
            }

            public String secretKey() {
                return "secret";
            }

            public String bucket() {
                return "sim2word";
            }

            public String region() {
                return "us-east-1";
            }
        };
    }

    private static GatewayConfig gateway(Duration expiry) {
        return new GatewayConfig() {
            public MemorySize maxImageBytes() {
                return new MemorySize(java.math.BigInteger.valueOf(10L << 20));
            }

            public Duration presignedUrlExpiry() {
                return expiry;
            }

            public Duration publishTimeout() {
                return Duration.ofSeconds(5);
            }

            public Republish republish() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
