package org.sim2word.aggregator.summary;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one local JDBC transaction. The aggregator does its own transactions (no JTA) because a summary and
 * its top attributes must be replaced together, and that is all the transactional work it has.
 */
@ApplicationScoped
public class Transactions {
    private final AgroalDataSource dataSource;

    public Transactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work that reads or writes through one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Commits when {@code work} returns and rolls back when it throws.
     *
     * @param doing what the work does, in words, for the error when the database fails
     * @throws SummaryStoreException when the database fails
     */
    public <T> T inTransaction(String doing, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SummaryStoreException(doing, e);
        }
    }
}
