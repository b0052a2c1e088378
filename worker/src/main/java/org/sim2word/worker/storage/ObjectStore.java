package org.sim2word.worker.storage;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.sim2word.worker.fault.MissingInputException;
import org.sim2word.worker.fault.ServiceUnavailableException;

/** The bucket holding uploaded faces and heatmaps, through the MinIO Java SDK. */
public final class ObjectStore implements AutoCloseable {
    private final MinioClient client;
    private final String bucket;

    public ObjectStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String bucket) {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey)
                .region("us-east-1").build();
        return new ObjectStore(client, bucket);
    }

    public String bucket() {
        return bucket;
    }

    /**
     * @throws MissingInputException       when no object has this key
     * @throws ServiceUnavailableException when the store cannot be reached or answers with a server error
     */
    public byte[] get(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                throw new MissingInputException("stored object " + key + " does not exist in bucket " + bucket);
            }
            throw unavailable("read " + key, e);
        } catch (Exception e) {
            throw unavailable("read " + key, e);
        }
    }

    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build());
        } catch (Exception e) {
            throw unavailable("write " + key, e);
        }
    }

    private ServiceUnavailableException unavailable(String what, Exception e) {
        return new ServiceUnavailableException("object storage could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
