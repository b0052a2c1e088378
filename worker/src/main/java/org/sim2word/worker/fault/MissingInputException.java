package org.sim2word.worker.fault;

/** A job names an input that does not exist; trying again cannot help, so the job fails with this message. */
public final class MissingInputException extends RuntimeException {
    public MissingInputException(String message) {
        super(message);
    }
}
