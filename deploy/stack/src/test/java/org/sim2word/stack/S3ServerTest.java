package org.sim2word.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class S3ServerTest {
    private final S3Server s3 = LocalServices.shared().s3();

    @Test
    void a_png_put_comes_back_by_get_and_by_presigned_url() throws Exception {
        byte[] png = png();
        String key = "test/" + UUID.randomUUID() + ".png";
        try (MinioClient client = s3.newClient()) {
            put(client, key, png);
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(s3.bucket()).object(key).build())) {
                assertArrayEquals(png, in.readAllBytes());
            }
            String url = client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(s3.bucket()).object(key).expiry(600).build());
            HttpResponse<byte[]> response = get(url);
            assertEquals(200, response.statusCode());
            assertArrayEquals(png, response.body());
            assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));

            assertEquals(403, get(tamper(url)).statusCode(), "presigned URL with a changed signature");
            assertEquals(403, get(s3.endpoint() + "/" + s3.bucket() + "/" + key).statusCode(), "anonymous GET");
        }
    }

    @Test
    void a_wrong_secret_is_refused() throws Exception {
        String key = "test/" + UUID.randomUUID() + ".png";
        try (MinioClient client = s3.newClient();
                MinioClient intruder = MinioClient.builder().endpoint(s3.endpoint())
                        .credentials(s3.accessKey(), s3.secretKey() + "-wrong").region(S3Server.REGION).build()) {
            put(client, key, png());
            ErrorResponseException e = assertThrows(ErrorResponseException.class, () ->
                    intruder.statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build()));
            assertEquals(403, e.response().code());
            ErrorResponseException put = assertThrows(ErrorResponseException.class, () -> put(intruder, key, png()));
            assertEquals("SignatureDoesNotMatch", put.errorResponse().code());
        }
    }

    static void put(MinioClient client, String key, byte[] bytes) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(LocalServices.shared().s3().bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("image/png").build());
    }

    /** The URL with the first character of its signature changed. */
    static String tamper(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char c = url.charAt(at);
        return url.substring(0, at) + (c == '0' ? '1' : '0') + url.substring(at + 1);
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, new Color(x * 4, y * 4, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
