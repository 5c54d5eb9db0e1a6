// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * Fills a migrated tipbridge schema with synthetic records for list benchmarks, straight through
 * JDBC in large batches: handles from a pool (five records per handle on average), two channels,
 * receive times over two years, the four statuses, a fifth assigned to one of five analysts, a tenth
 * tagged, and 512 random bytes standing in for each sealed record. Seeded, so runs compare.
 */
final class RecordLoader {
    static final String[] STATUSES = {"new", "triaged", "investigating", "closed"};
    static final String[] ANALYSTS = {"amina", "bruno", "chen", "dario", "eszter"};
    static final String[] TAGS = {
        "ivory", "timber", "pangolin", "customs", "urgent", "rhino", "charcoal", "bushmeat", "permits", "shipping"
    };
    static final long START = 1_700_000_000L;
    private static final long SPAN = 2L * 365 * 86_400;
    private static final int BATCH = 10_000;
    private static final String INSERT = "INSERT INTO records (handle, channel, received_at, status,"
            + " attachment_count, size_bytes, dedupe_key, sealed_record, touched_at, assigned_to, closed_at)"
            + " VALUES (?, ?, ?, ?, 0, 512, ?, ?, ?, ?, ?)";

    private final SplittableRandom random = new SplittableRandom(20261128L);

    /** Inserts {@code count} records, then tags one record in ten (ten tags, one in a hundred each); commits every batch. */
    void load(Connection c, int count) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int i = 0; i < count; i++) {
                bind(s, i, count);
                s.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == count) {
                    s.executeBatch();
                    c.commit();
                }
            }
        }
        tag(c);
        c.commit();
        c.setAutoCommit(true);
    }

    static String handle(int n) {
        return String.format("bench-handle-%07d", n);
    }

    private void bind(PreparedStatement s, int i, int count) throws SQLException {
        long received = START + (SPAN * i) / count;
        String status = STATUSES[random.nextInt(STATUSES.length)];
        s.setString(1, handle(random.nextInt(Math.max(1, count / 5))));
        s.setString(2, random.nextInt(10) < 7 ? "email" : "signal");
        s.setLong(3, received);
        s.setString(4, status);
        s.setBytes(5, bytes(32));
        s.setBytes(6, bytes(512));
        s.setLong(7, received);
        s.setString(8, random.nextInt(5) == 0 ? ANALYSTS[random.nextInt(ANALYSTS.length)] : null);
        if ("closed".equals(status)) {
            s.setLong(9, received);
        } else {
            s.setNull(9, java.sql.Types.BIGINT);
        }
    }

    private void tag(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO record_tags (record_id, tag, received_at) SELECT id, ?, received_at FROM records"
                        + " WHERE id % 100 = ?")) {
            for (int i = 0; i < TAGS.length; i++) {
                s.setString(1, TAGS[i]);
                s.setInt(2, i);
                s.executeUpdate();
                c.commit();
            }
        }
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                out[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return out;
    }
}
