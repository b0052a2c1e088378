package org.sim2word.gateway.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.sim2word.gateway.TestImages;
import org.sim2word.stack.quarkus.LocalServicesTestResource;

@QuarkusTest
@QuarkusTestResource(value = LocalServicesTestResource.class, restrictToAnnotatedClass = false)
class ImageUploadTest {

    @Test
    void aNewFaceIsCreatedAndTheSameBytesAgainAreFoundByTheirDigest() throws Exception {
        byte[] face = TestImages.generated("png", ThreadLocalRandom.current().nextLong());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(face));
        given().multiPart("file", "face.png", face, "image/png")
                .when().post("/v1/images")
                .then().statusCode(201)
                .body("id", equalTo(sha256))
                .body("width", equalTo(64))
                .body("height", equalTo(64))
                .body("contentType", equalTo("image/png"));
        given().multiPart("file", "same-face-other-name.png", face, "image/png")
                .when().post("/v1/images")
                .then().statusCode(200)
                .body("id", equalTo(sha256));
    }

    @Test
    void aJohnsPhotoIsAJpeg() {
        given().multiPart("file", "john.jpg", TestImages.face(6), "image/jpeg")
                .when().post("/v1/images")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)))
                .body("contentType", equalTo(TestImages.hasJohns() ? "image/jpeg" : "image/png"));
    }

    @Test
    void somethingThatIsNotAnImageIsRefused() {
        given().multiPart("file", "face.png", "<html>".getBytes(), "image/png")
                .when().post("/v1/images")
                .then().statusCode(400)
                .body("error", equalTo("part 'file' is not an image; send a JPEG or PNG face"));
    }
}
