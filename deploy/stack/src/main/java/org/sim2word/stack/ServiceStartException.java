package org.sim2word.stack;

import java.nio.file.Path;

/** A service did not become ready. The message ends with the last lines of the service's log. */
public class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final transient Path log;

    ServiceStartException(String service, String what, Path log, Throwable cause) {
        super(service + " did not start: " + what + LogTail.describe(log), cause);
        this.service = service;
        this.log = log;
    }

    public String service() {
        return service;
    }

    /** The service's log file; may be null when it failed before it had one. */
    public Path log() {
        return log;
    }
}
