// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * PostgreSQL's transactor: a pooled connection per transaction. With the store lock, the first
 * statement of every transaction takes {@code pg_advisory_xact_lock(STORE_LOCK)}, held until commit
 * or rollback, so every record-store transaction of every node runs one at a time: the same
 * single-writer semantics as SQLite (check-then-insert stays correct, ids follow commit order).
 * Errors carry the operation and the SQL state only, never the server's message, which can quote
 * values.
 */
final class PooledTransactor implements Transactor {

    /** The store lock's key: a fixed 64-bit constant ("tipbridg" in ASCII), the same on every node. */
    static final long STORE_LOCK = 0x7469706272696467L;

    /** The longest a transaction waits for the store lock. */
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(20);

    private final DataSource pool;
    private final boolean storeLock;
    private final Runnable onClose;

    /**
     * Uses {@code pool}; with {@code storeLock} every transaction takes the store lock first;
     * {@link #close()} runs {@code onClose} (closing the pool when this transactor owns it).
     */
    PooledTransactor(DataSource pool, boolean storeLock, Runnable onClose) {
        this.pool = pool;
        this.storeLock = storeLock;
        this.onClose = onClose;
    }

    @Override
    public <T> T run(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (storeLock) {
                    lock(c);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    @Override
    public void runOutsideTransaction(String what, Work<?> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            work.run(c);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /** A store error naming the operation and the SQL state; the server's text (which may quote values) is dropped. */
    static StoreException translate(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
        return new StoreException("cannot " + what + state);
    }

    /**
     * Takes the store lock, waiting at most {@link #LOCK_WAIT} (a node frozen inside a transaction
     * must not hold every other node's intake forever: the caller gets a StoreException and retries
     * as after any transient failure).
     */
    private static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT.toSeconds() + "s'");
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, STORE_LOCK);
            s.execute();
        }
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(translate("roll back", e));
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
