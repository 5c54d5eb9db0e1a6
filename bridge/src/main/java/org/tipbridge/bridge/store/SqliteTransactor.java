// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite's transactor: one JDBC connection used under a lock, so each {@link #run} is one
 * transaction of the only writer, committed before it returns and rolled back on any failure.
 * Shared by the record store, the outbox and everything else in one database file.
 */
final class SqliteTransactor implements Transactor {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    SqliteTransactor(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T run(String what, Work<T> work) {
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

    @Override
    public void runOutsideTransaction(String what, Work<?> work) {
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
