// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.SQLiteConfig;

/**
 * Polls the daemon's SQLite file read-only on its own thread and notes, for every new record row,
 * its handle and when the poll first saw it; and when the last quarantine row appeared. Handles
 * are pseudonyms (one per sender), so they tell the flood's records from the other senders'.
 */
final class CommitWatch implements AutoCloseable {
    private final Path database;
    private final long pollNanos;
    private final List<Row> rows = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stop;
    private long lastId;
    private int quarantined = -1;
    private long lastQuarantineNanos;
    private SQLException failure;

    /** A record row: its handle and the nanoTime the poll first saw it. */
    record Row(long id, String handle, long seenNanos) {}

    CommitWatch(Path database, long pollMillis) {
        this.database = database;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
        this.thread = new Thread(this::run, "commit-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + database);
                PreparedStatement records =
                        c.prepareStatement("SELECT id, handle FROM records WHERE id > ? ORDER BY id");
                PreparedStatement quarantine = c.prepareStatement("SELECT count(*) FROM quarantine")) {
            while (!stop) {
                poll(records, quarantine);
                LockSupport.parkNanos(pollNanos);
            }
        } catch (SQLException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    private void poll(PreparedStatement records, PreparedStatement quarantine) throws SQLException {
        List<Row> fresh = new ArrayList<>();
        records.setLong(1, lastId);
        try (ResultSet rs = records.executeQuery()) {
            long now = System.nanoTime();
            while (rs.next()) {
                fresh.add(new Row(rs.getLong(1), rs.getString(2), now));
            }
        }
        int q;
        try (ResultSet rs = quarantine.executeQuery()) {
            rs.next();
            q = rs.getInt(1);
        }
        synchronized (this) {
            rows.addAll(fresh);
            if (!fresh.isEmpty()) {
                lastId = fresh.get(fresh.size() - 1).id();
            }
            if (q != quarantined) {
                quarantined = q;
                lastQuarantineNanos = System.nanoTime();
            }
        }
    }

    /** The record rows seen so far, in id order. */
    synchronized List<Row> rows() throws SQLException {
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(rows);
    }

    synchronized int quarantined() {
        return Math.max(0, quarantined);
    }

    synchronized long lastQuarantineNanos() {
        return lastQuarantineNanos;
    }

    /** Rows per handle. */
    static Map<String, Integer> perHandle(List<Row> rows) {
        Map<String, Integer> n = new HashMap<>();
        rows.forEach(r -> n.merge(r.handle(), 1, Integer::sum));
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
