package org.sim2word.gateway.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.sim2word.common.storage.StorageKeys;

@ConfigMapping(prefix = "sim2word.s3")
public interface S3Config {

    /** Where the gateway itself reaches S3. */
    String endpoint();

    /**
     * The S3 address clients use to download heatmaps. A presigned URL's signature covers its host, so URLs must be
     * signed for this host, not for the one the gateway happens to use. Defaults to {@link #endpoint()}.
     */
    Optional<String> publicEndpoint();

    String accessKey();

    String secretKey();

    @WithDefault(StorageKeys.DEFAULT_BUCKET)
    String bucket();

    /** Signing needs a region; naming it spares the client a bucket-location call to the public endpoint. */
    @WithDefault("us-east-1")
    String region();
}
