package org.sim2word.stack;

import java.util.Optional;

/** A service could not start because something else already listens on its port. Nothing was started. */
public class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final int port;
    private final String setting;

    PortTakenException(String service, int port, String setting, Optional<String> holder) {
        super(service + " cannot start: port " + port + " on " + Ports.HOST + " is already in use"
                + holder.map(h -> " by " + h).orElse(" by another process")
                + ". Stop that process, or give " + service + " another port with " + setting
                + " (0 picks a free port).");
        this.service = service;
        this.port = port;
        this.setting = setting;
    }

    /** "Kafka", "PostgreSQL", "S3", or the caller's own name of what it starts. */
    public String service() {
        return service;
    }

    public int port() {
        return port;
    }

    /**
     * The setting that chooses this port, e.g. {@code LocalServices.Builder.optKafkaPort(int)}, or the caller's own
     * (the launcher names its environment variables).
     */
    public String setting() {
        return setting;
    }
}
