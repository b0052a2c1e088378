package org.sim2word.gateway.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.http.Method;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.jboss.logging.Logger;
import org.sim2word.gateway.GatewayConfig;

/** The bucket shared with the workers: the gateway writes faces into it and hands out links to the maps in it. */
@ApplicationScoped
public class ObjectStore {
    private static final Logger LOG = Logger.getLogger(ObjectStore.class);

    private final MinioClient client;
    private final MinioClient presigner;
    private final String bucket;
    private final int urlExpirySeconds;

    public ObjectStore(MinioClient client, @Presigning MinioClient presigner, S3Config s3,
                       GatewayConfig config) {
        this.client = client;
        this.presigner = presigner;
        this.bucket = s3.bucket();
        this.urlExpirySeconds = Math.toIntExact(config.presignedUrlExpiry().toSeconds());
    }

    /** Writes an object; writing the same key twice leaves the same object, so callers may repeat it. */
    public void put(String key, byte[] bytes, String contentType) {
        try {
            putOnce(key, bytes, contentType);
        } catch (ErrorResponseException e) {
            if (!"NoSuchBucket".equals(e.errorResponse().code())) {
                throw new ObjectStoreException("storing " + key, e);
            }
            createBucket();
            try {
                putOnce(key, bytes, contentType);
            } catch (MinioException | GeneralSecurityException | IOException again) {
                throw new ObjectStoreException("storing " + key, again);
            }
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new ObjectStoreException("storing " + key, e);
        }
    }

    /** A GET link for an object that works without credentials until the configured expiry. */
    public String presignedGet(String key) {
        try {
            return presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(bucket).object(key).expiry(urlExpirySeconds).build());
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new ObjectStoreException("signing a link to " + key, e);
        }
    }

    /** Whether S3 answers; the bucket itself may not exist yet, as the first upload creates it. */
    public void ping() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new ObjectStoreException("checking bucket " + bucket, e);
        }
    }

    public String bucket() {
        return bucket;
    }

    private void putOnce(String key, byte[] bytes, String contentType)
            throws MinioException, GeneralSecurityException, IOException {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build());
    }

    private void createBucket() {
        LOG.infof("Bucket %s does not exist yet; creating it", bucket);
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        } catch (ErrorResponseException e) {
            // Another gateway or a worker won the race; the bucket is there, which is all we need.
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())
                    && !"BucketAlreadyExists".equals(e.errorResponse().code())) {
                throw new ObjectStoreException("creating bucket " + bucket, e);
            }
        } catch (MinioException | GeneralSecurityException | IOException e) {
            throw new ObjectStoreException("creating bucket " + bucket, e);
        }
    }
}
