// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection used under a lock: each {@link #run} is one transaction, committed before it
 * returns and rolled back on any failure. Shared by the record store and the outbox of one database.
 */
final class Transactor implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    Transactor(Connection connection) {
        this.connection = connection;
    }

    <T> T run(String what, Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in autocommit mode, for statements that cannot run in a transaction (VACUUM). */
    void runOutsideTransaction(String what, Work<?> work) {
        lock.lock();
        try {
            work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        } finally {
            lock.unlock();
        }
    }
}
