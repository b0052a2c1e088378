package org.sim2word.gateway.db;

import java.sql.SQLException;

/**
 * PostgreSQL failed or could not be reached, so callers should retry later; or, when {@link #isBadValue()}, it refused
 * a value the caller sent, which no retry will fix.
 */
public final class DatabaseException extends RuntimeException {
    private final String sqlState;

    public DatabaseException(String doing, SQLException cause) {
        super("the database failed while " + doing + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** SQLSTATE class 22, "data exception": e.g. a NUL character in text, which PostgreSQL cannot store. */
    public boolean isBadValue() {
        return sqlState != null && sqlState.startsWith("22");
    }
}
