package org.sim2word.worker.job;

/** A job whose options are invalid or ask for models this worker does not serve. */
final class UnservableJobException extends RuntimeException {
    UnservableJobException(String message) {
        super(message);
    }
}
