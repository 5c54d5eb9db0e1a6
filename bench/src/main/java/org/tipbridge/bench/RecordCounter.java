// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.SQLiteConfig;

/**
 * Watches the daemon's database (the SQLite file read-only, or a PostgreSQL database): a tip is
 * "visible" once its record row (or a quarantine row) is committed. Polling the database directly
 * is finer-grained than the CLI.
 */
final class RecordCounter implements AutoCloseable {
    private static final String COUNTS = "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM quarantine)";

    /** Opens a connection, or returns null while the database is not there yet. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private Connection connection;

    RecordCounter(Path database) {
        this(() -> {
            if (!Files.exists(database)) {
                return null;
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            return config.createConnection("jdbc:sqlite:" + database);
        });
    }

    RecordCounter(Connector connector) {
        this.connector = connector;
    }

    /** Committed records and quarantine rows; 0/0 while the database or its schema does not exist yet. */
    Counts counts() throws IOException {
        try {
            if (connection == null) {
                connection = connector.open();
                if (connection == null) {
                    return new Counts(0, 0);
                }
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(COUNTS)) {
                rs.next();
                return new Counts(rs.getInt(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            closeQuietly();
            return new Counts(0, 0);
        }
    }

    /**
     * Polls every {@code pollNanos} until records + quarantine reach {@code total}; returns the
     * nanoTime it saw that. Gives up with {@link Stalled} when no row was added for {@code stallSeconds}.
     */
    long awaitTotal(int total, long pollNanos, long stallSeconds) throws IOException {
        long stall = TimeUnit.SECONDS.toNanos(stallSeconds);
        int seen = -1;
        long progress = System.nanoTime();
        while (true) {
            Counts c = counts();
            long now = System.nanoTime();
            if (c.total() >= total) {
                return now;
            }
            if (c.total() != seen) {
                seen = c.total();
                progress = now;
            } else if (now - progress > stall) {
                throw new Stalled(c, total, progress, stallSeconds);
            }
            LockSupport.parkNanos(pollNanos);
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection is reopened next time
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** No new row for a while: {@code counts} is where it stopped, at nanoTime {@code lastProgress}. */
    static final class Stalled extends IOException {
        private static final long serialVersionUID = 1L;
        final transient Counts counts;
        final long lastProgress;

        Stalled(Counts counts, int wanted, long lastProgress, long stallSeconds) {
            super("stalled: " + counts.total() + " of " + wanted + " committed, nothing new for " + stallSeconds
                    + " s");
            this.counts = counts;
            this.lastProgress = lastProgress;
        }
    }

    /** Rows in the two tables an ingested message can end up in. */
    record Counts(int records, int quarantined) {
        int total() {
            return records + quarantined;
        }
    }
}
