package org.sim2word.worker.image;

/** An input image the method cannot use; the message is shown to the user as the job's error. */
public final class UnusableImageException extends RuntimeException {
    public UnusableImageException(String message) {
        super(message);
    }
}
