package org.sim2word.gateway.image;

/** A face held in S3 and in table {@code image}; {@code id} is the SHA-256 of its bytes. */
public record StoredImage(String id, String objectKey, String contentType, int width, int height) {
}
