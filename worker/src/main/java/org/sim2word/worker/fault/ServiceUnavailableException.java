package org.sim2word.worker.fault;

/**
 * Object storage or the database could not be reached. The job is not at fault: it waits and is tried again,
 * rather than failed.
 */
public final class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
