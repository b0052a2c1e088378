package org.sim2word.common.image;

/** Uploaded bytes that are not a face image Sim2Word can use; the message says why, in words for the caller. */
public class ImageRejectedException extends RuntimeException {
    public ImageRejectedException(String message) {
        super(message);
    }
}
