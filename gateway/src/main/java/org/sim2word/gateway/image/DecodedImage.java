package org.sim2word.gateway.image;

/**
 * Bytes that decoded as a face photo we accept.
 *
 * @param bytes       exactly what the caller sent; stored unchanged so the worker reads the same pixels
 * @param sha256      lower-case hex digest of the bytes: the image's id
 * @param extension   "jpg" or "png", from the decoded format rather than the caller's file name
 * @param contentType the matching media type
 */
public record DecodedImage(byte[] bytes, String sha256, String extension, String contentType, int width,
                           int height) {
}
