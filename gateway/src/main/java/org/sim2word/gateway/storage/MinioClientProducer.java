package org.sim2word.gateway.storage;

import io.minio.MinioClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/** The S3 clients: one for the gateway's own traffic and one that only signs URLs for the public host. */
@ApplicationScoped
public class MinioClientProducer {
    @Produces
    @Singleton
    MinioClient client(S3Config s3) {
        return build(s3.endpoint(), s3);
    }

    @Produces
    @Singleton
    @Presigning
    MinioClient presigningClient(S3Config s3) {
        return build(s3.publicEndpoint().orElse(s3.endpoint()), s3);
    }

    // Closing stops OkHttp's threads, which would otherwise keep a stopping JVM alive for a minute.
    void close(@Disposes MinioClient client) throws Exception {
        client.close();
    }

    void closePresigning(@Disposes @Presigning MinioClient client) throws Exception {
        client.close();
    }

    private static MinioClient build(String endpoint, S3Config s3) {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(s3.accessKey(), s3.secretKey())
                .region(s3.region())
                .build();
        // A request should fail fast when S3 is down rather than hold an HTTP worker for OkHttp's defaults.
        client.setTimeout(TimeUnit.SECONDS.toMillis(5), TimeUnit.SECONDS.toMillis(30), TimeUnit.SECONDS.toMillis(30));
        return client;
    }
}
