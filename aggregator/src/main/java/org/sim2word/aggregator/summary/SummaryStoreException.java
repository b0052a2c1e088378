package org.sim2word.aggregator.summary;

import java.sql.SQLException;

/** PostgreSQL could not be read or written; the request or event can be retried later. */
public class SummaryStoreException extends RuntimeException {

    public SummaryStoreException(String doing, SQLException cause) {
        super("Could not " + doing + ": " + cause.getMessage(), cause);
    }
}
