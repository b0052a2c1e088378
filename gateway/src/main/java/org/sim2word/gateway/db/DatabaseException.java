package org.sim2word.gateway.db;

import java.sql.SQLException;

/** PostgreSQL failed or could not be reached; callers should retry later. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String doing, SQLException cause) {
        super("the database failed while " + doing + ": " + cause.getMessage(), cause);
    }
}
