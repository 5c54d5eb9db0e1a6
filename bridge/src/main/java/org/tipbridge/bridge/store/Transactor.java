// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in transactions: each {@link #run} is one transaction, committed before it returns and
 * rolled back on any failure, which comes out as a {@link StoreException} saying what could not be
 * done. {@link SqliteTransactor} uses one connection under a lock; {@link PooledTransactor} takes a
 * pooled PostgreSQL connection per transaction and, for the record store, the store lock.
 */
interface Transactor extends AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; {@code what} completes "cannot ..." in an error. */
    <T> T run(String what, Work<T> work);

    /**
     * Runs {@code work} on a connection in autocommit mode, for statements that cannot run inside
     * a transaction ({@code VACUUM}); without the store lock.
     */
    void runOutsideTransaction(String what, Work<?> work);

    @Override
    void close();
}
