package org.sim2word.gateway.image;

/** Uploaded bytes are not a face photo the workers can read; the message says which upload and why. */
public final class UnusableImageException extends RuntimeException {

    public UnusableImageException(String problem) {
        super(problem);
    }
}
