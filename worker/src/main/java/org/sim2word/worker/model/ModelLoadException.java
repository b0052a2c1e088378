package org.sim2word.worker.model;

/** A model could not be found, verified or loaded; the message says which and what to do. */
public final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
