package org.sim2word.aggregator.summary;

import java.sql.SQLException;

/**
 * PostgreSQL could not be read or written, so the request or event can be retried later; or, when
 * {@link #isBadValue()}, it refused a value the caller sent, which no retry will fix.
 */
public class SummaryStoreException extends RuntimeException {
    private final String sqlState;

    public SummaryStoreException(String doing, SQLException cause) {
        super("Could not " + doing + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** SQLSTATE class 22, "data exception": e.g. a NUL character in a text parameter. */
    public boolean isBadValue() {
        return sqlState != null && sqlState.startsWith("22");
    }
}
