// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Portable SQL (SQLite and PostgreSQL) for the outbox; the caller owns the transaction. */
final class OutboxSql {

    private static final String COLUMNS = "SELECT id, handle, channel, kind, status, attempts, last_error,"
            + " allow_plaintext, after_record, created_at, updated_at, next_attempt, effort_started";
    private static final String INSERT = "INSERT INTO outbox (handle, channel, kind, status, attempts, last_error,"
            + " allow_plaintext, after_record, created_at, updated_at, next_attempt, effort_started,"
            + " sealed_for_bridge, sealed_for_analysts) VALUES (?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, 0, ?, ?, ?)"
            + " RETURNING id";
    private static final String NEWEST_RECORD = "SELECT COALESCE(MAX(id), 0) FROM records WHERE handle = ?";
    private static final String RECENT_ACK =
            "SELECT COUNT(*) FROM outbox WHERE handle = ? AND kind = 'ack' AND created_at >= ?";
    private static final String EARLIER_RECORDS = "SELECT COUNT(*) FROM records WHERE handle = ? AND id < ?";
    private static final String ACKS_SINCE = "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND created_at >= ?";

    /** A claim describes a send in flight: every transition out of sending clears it. */
    private static final String NO_CLAIM = "claimed_by = NULL, claimed_at = NULL";

    private static final String REQUEUE_SENDING =
            "UPDATE outbox SET status = ?, updated_at = ?, " + NO_CLAIM + " WHERE status = ?";

    /** Which column a query returns the sealed text from. */
    enum Copy {
        FOR_BRIDGE("sealed_for_bridge"),
        FOR_ANALYSTS("sealed_for_analysts");

        final String column;

        Copy(String column) {
            this.column = column;
        }
    }

    private OutboxSql() {}

    static long insertReply(Connection c, NewReply r) throws SQLException {
        long afterRecord;
        try (PreparedStatement s = c.prepareStatement(NEWEST_RECORD)) {
            s.setString(1, r.handle());
            try (ResultSet rs = s.executeQuery()) {
                afterRecord = rs.next() ? rs.getLong(1) : 0;
            }
        }
        return insert(c, r.handle(), r.channel(), OutboxKind.REPLY, r.allowPlaintext(), afterRecord, r.now(), r);
    }

    /** Queues an acknowledgement of the just-inserted record {@code recordId} if {@code request} says so. */
    static void acknowledge(
            Connection c, String handle, Channel channel, long recordId, Instant now, AckRequest request)
            throws SQLException {
        boolean first = count(c, EARLIER_RECORDS, handle, recordId) == 0;
        if (!first && !request.followUps()) {
            return;
        }
        if (count(c, RECENT_ACK, handle, request.quietSince().getEpochSecond()) > 0) {
            return;
        }
        if (countAll(c, ACKS_SINCE, now.minusSeconds(3600).getEpochSecond()) >= request.maxPerHour()) {
            return;
        }
        insert(c, handle, channel, OutboxKind.ACKNOWLEDGEMENT, false, recordId, now, null);
    }

    private static long countAll(Connection c, String query, long number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setLong(1, number);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long count(Connection c, String query, String handle, long number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, handle);
            s.setLong(2, number);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long insert(
            Connection c,
            String handle,
            Channel channel,
            OutboxKind kind,
            boolean allowPlaintext,
            long afterRecord,
            Instant now,
            NewReply texts)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, handle);
            s.setString(2, channel.wireName());
            s.setString(3, kind.wireName());
            s.setString(4, OutboxStatus.QUEUED.wireName());
            s.setInt(5, allowPlaintext ? 1 : 0);
            s.setLong(6, afterRecord);
            s.setLong(7, coarse(now));
            s.setLong(8, coarse(now));
            s.setLong(9, coarse(now));
            s.setBytes(10, texts == null ? null : texts.sealedForBridge());
            s.setBytes(11, texts == null ? null : texts.sealedForAnalysts());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static java.util.Map<OutboxStatus, Integer> countByStatus(Connection c) throws SQLException {
        java.util.Map<OutboxStatus, Integer> out = new java.util.EnumMap<>(OutboxStatus.class);
        try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(OutboxStatus.fromWireName(rs.getString(1)), rs.getInt(2));
            }
        }
        return out;
    }

    static List<OutboxEntry> list(Connection c, int limit) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " FROM outbox ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        }
        return out;
    }

    static Optional<OutboxEntry> get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " FROM outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    static List<OutboxItem> conversation(Connection c, String handle) throws SQLException {
        String query = COLUMNS + ", " + Copy.FOR_ANALYSTS.column + " FROM outbox WHERE handle = ? ORDER BY id";
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, handle);
            return items(s, Copy.FOR_ANALYSTS);
        }
    }

    static List<OutboxItem> due(Connection c, Instant now, int limit) throws SQLException {
        String query = COLUMNS + ", " + Copy.FOR_BRIDGE.column
                + ", trust_sealed FROM outbox WHERE status = ? AND next_attempt <= ? ORDER BY id LIMIT ?";
        List<OutboxItem> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, OutboxStatus.QUEUED.wireName());
            s.setLong(2, now.getEpochSecond());
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxItem(
                            entry(rs),
                            Optional.ofNullable(rs.getBytes(Copy.FOR_BRIDGE.column)),
                            Optional.ofNullable(rs.getBytes("trust_sealed"))));
                }
            }
        }
        return out;
    }

    /**
     * Held Signal entries of one handle whose reason is one of {@code reasons} -> queued, as a new
     * delivery effort carrying {@code sealedTrust}; one statement. Returns how many moved.
     */
    static int releaseForTrust(Connection c, String handle, List<String> reasons, byte[] sealedTrust, Instant now)
            throws SQLException {
        String sql = "UPDATE outbox SET status = ?, updated_at = ?, next_attempt = 0, attempts = 0,"
                + " effort_started = ?, trust_sealed = ? WHERE handle = ? AND channel = ? AND status = ?"
                + " AND last_error IN (" + reasons.stream().map(r -> "?").collect(Collectors.joining(", ")) + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, OutboxStatus.QUEUED.wireName());
            s.setLong(i++, coarse(now));
            s.setLong(i++, coarse(now));
            s.setBytes(i++, sealedTrust);
            s.setString(i++, handle);
            s.setString(i++, Channel.SIGNAL.wireName());
            s.setString(i++, OutboxStatus.NEEDS_DECISION.wireName());
            for (String reason : reasons) {
                s.setString(i++, reason);
            }
            return s.executeUpdate();
        }
    }

    private static List<OutboxItem> items(PreparedStatement s, Copy copy) throws SQLException {
        List<OutboxItem> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new OutboxItem(entry(rs), Optional.ofNullable(rs.getBytes(copy.column))));
            }
        }
        return out;
    }

    /**
     * Moves an entry from one of {@code from} to {@code to}; {@code set} are extra assignments
     * ("attempts = attempts + 1", ...) with their parameters. False if the entry is in no such state.
     */
    static boolean transition(
            Connection c, long id, Set<OutboxStatus> from, OutboxStatus to, Instant now, Assignment... set)
            throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE outbox SET status = ?, updated_at = ?");
        if (to != OutboxStatus.SENDING) {
            sql.append(", ").append(NO_CLAIM);
        }
        for (Assignment a : set) {
            sql.append(", ").append(a.sql());
        }
        sql.append(" WHERE id = ? AND status IN (")
                .append(from.stream().map(f -> "?").collect(Collectors.joining(", ")))
                .append(")");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setString(i++, to.wireName());
            s.setLong(i++, coarse(now));
            for (Assignment a : set) {
                if (a.hasValue()) {
                    s.setObject(i++, a.value());
                }
            }
            s.setLong(i++, id);
            for (OutboxStatus f : from) {
                s.setString(i++, f.wireName());
            }
            return s.executeUpdate() == 1;
        }
    }

    /** Every sending entry to queued, its claim cleared; returns how many moved. */
    static int requeueAllSending(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REQUEUE_SENDING)) {
            setRequeue(s, now);
            return s.executeUpdate();
        }
    }

    /**
     * Sending entries claimed by {@code claimant}, claimed before {@code staleBefore} (exact), or
     * unclaimed, to queued, their claims cleared; returns how many moved.
     */
    static int requeueAbandoned(Connection c, String claimant, Instant staleBefore, Instant now) throws SQLException {
        String sql =
                REQUEUE_SENDING + " AND (claimed_by IS NULL OR claimed_at IS NULL OR claimed_by = ? OR claimed_at < ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            setRequeue(s, now);
            s.setString(4, claimant);
            s.setLong(5, staleBefore.getEpochSecond());
            return s.executeUpdate();
        }
    }

    private static void setRequeue(PreparedStatement s, Instant now) throws SQLException {
        s.setString(1, OutboxStatus.QUEUED.wireName());
        s.setLong(2, coarse(now));
        s.setString(3, OutboxStatus.SENDING.wireName());
    }

    /** One extra {@code column = ...} in a transition; {@code value} fills its one placeholder, if any. */
    record Assignment(String sql, boolean hasValue, Object value) {
        static Assignment of(String sql) {
            return new Assignment(sql, false, null);
        }

        static Assignment of(String sql, Object value) {
            return new Assignment(sql, true, value);
        }
    }

    /** Shown times: callers pass them coarse already; never finer than the minute here either. */
    static long coarse(Instant t) {
        long seconds = t.getEpochSecond();
        return seconds - Math.floorMod(seconds, 60);
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(
                rs.getLong("id"),
                rs.getString("handle"),
                Channel.fromWireName(rs.getString("channel")),
                OutboxKind.fromWireName(rs.getString("kind")),
                OutboxStatus.fromWireName(rs.getString("status")),
                rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")),
                rs.getInt("allow_plaintext") != 0,
                rs.getLong("after_record"),
                Instant.ofEpochSecond(rs.getLong("created_at")),
                Instant.ofEpochSecond(rs.getLong("updated_at")),
                Instant.ofEpochSecond(rs.getLong("next_attempt")),
                Instant.ofEpochSecond(rs.getLong("effort_started")));
    }
}
