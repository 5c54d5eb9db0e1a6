// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tipbridge.bridge.store.RetentionStore.RecordCutoffs;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;

/** Portable SQL for retention's records: candidates, deletion and holds; the caller owns the transaction. */
final class RetentionSql {

    private static final String COLUMNS =
            "SELECT id, handle, status, received_at, touched_at, closed_at, keep_until FROM records";
    private static final String NOT_HELD =
            " AND id > ? AND (keep_until IS NULL OR keep_until <= ?) ORDER BY id LIMIT ?";
    /** Uses records_closed_idx. */
    private static final String CLOSED = COLUMNS + " WHERE closed_at <= ? AND status = 'closed'" + NOT_HELD;
    /** Uses records_touched_idx. */
    private static final String UNTOUCHED = COLUMNS + " WHERE touched_at <= ?" + NOT_HELD;

    private static final String BLOBS = "SELECT blob_id FROM record_attachments WHERE record_id = ?";
    private static final List<String> DELETE_CHILDREN = List.of(
            "DELETE FROM record_attachments WHERE record_id = ?",
            "DELETE FROM record_tags WHERE record_id = ?",
            "DELETE FROM record_notes WHERE record_id = ?");
    /** Queued in the record's time (replies, acknowledgements); {@code sending} is the dispatcher's. */
    private static final String DELETE_OUTBOX =
            "DELETE FROM outbox WHERE handle = ? AND after_record = ? AND status <> ?";
    /** A hold does not touch the record: the hold itself protects it. */
    private static final String HOLD = "UPDATE records SET keep_until = ? WHERE id = ?";

    private RetentionSql() {}

    /** The candidates of both rules with an id above {@code afterId}, by id, at most {@code limit}. */
    static List<RecordTimes> candidates(Connection c, RecordCutoffs cutoffs, long afterId, int limit)
            throws SQLException {
        TreeMap<Long, RecordTimes> byId = new TreeMap<>();
        if (cutoffs.closedBy().isPresent()) {
            query(c, CLOSED, cutoffs.closedBy().get(), cutoffs.now(), afterId, limit, byId);
        }
        if (cutoffs.touchedBy().isPresent()) {
            query(c, UNTOUCHED, cutoffs.touchedBy().get(), cutoffs.now(), afterId, limit, byId);
        }
        // Each query returned its lowest ids: the lowest of their union are among them.
        return byId.values().stream().limit(limit).toList();
    }

    private static void query(
            Connection c,
            String sql,
            Instant cutoff,
            Instant now,
            long afterId,
            int limit,
            TreeMap<Long, RecordTimes> out)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, cutoff.getEpochSecond());
            s.setLong(2, afterId);
            s.setLong(3, now.getEpochSecond());
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RecordTimes r = times(rs);
                    out.put(r.id(), r);
                }
            }
        }
    }

    static Optional<RecordTimes> times(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(times(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Deletes the record if it is still due by {@code cutoffs} (not held past now, closed or touched
     * early enough: the candidates' conditions, checked by the DELETE itself), then its attachments,
     * tags, notes and the outbox entries queued after it. Empty: it was not deleted; otherwise the
     * blob ids it referenced and the number of outbox entries deleted.
     */
    static Optional<Deleted> deleteIfDue(Connection c, RecordTimes r, RecordCutoffs cutoffs) throws SQLException {
        List<String> blobs = blobs(c, r.id());
        if (!deleteRow(c, r.id(), cutoffs)) {
            return Optional.empty();
        }
        for (String sql : DELETE_CHILDREN) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, r.id());
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement(DELETE_OUTBOX)) {
            s.setString(1, r.handle());
            s.setLong(2, r.id());
            s.setString(3, OutboxStatus.SENDING.wireName());
            return Optional.of(new Deleted(blobs, s.executeUpdate()));
        }
    }

    /** What deleting one record took with it. */
    record Deleted(List<String> blobs, int outboxEntries) {}

    private static List<String> blobs(Connection c, long id) throws SQLException {
        List<String> blobs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(BLOBS)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    blobs.add(rs.getString(1));
                }
            }
        }
        return blobs;
    }

    private static boolean deleteRow(Connection c, long id, RecordCutoffs cutoffs) throws SQLException {
        List<Long> parameters = new ArrayList<>(List.of(id, cutoffs.now().getEpochSecond()));
        List<String> rules = new ArrayList<>();
        cutoffs.closedBy().ifPresent(by -> {
            rules.add("(status = 'closed' AND closed_at <= ?)");
            parameters.add(by.getEpochSecond());
        });
        cutoffs.touchedBy().ifPresent(by -> {
            rules.add("touched_at <= ?");
            parameters.add(by.getEpochSecond());
        });
        if (rules.isEmpty()) {
            return false;
        }
        String sql = "DELETE FROM records WHERE id = ? AND (keep_until IS NULL OR keep_until <= ?) AND ("
                + String.join(" OR ", rules) + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setLong(i + 1, parameters.get(i));
            }
            return s.executeUpdate() == 1;
        }
    }

    /** Attachments of the records: one per blob reference, without loading the records. */
    static int attachmentCount(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement s =
                c.prepareStatement("SELECT COUNT(*) FROM record_attachments WHERE record_id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Sets or clears the hold; false when there is no such record. */
    static boolean hold(Connection c, long id, Optional<Instant> until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HOLD)) {
            if (until.isPresent()) {
                s.setLong(1, until.get().getEpochSecond());
            } else {
                s.setNull(1, Types.BIGINT);
            }
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    private static RecordTimes times(ResultSet rs) throws SQLException {
        return new RecordTimes(
                rs.getLong("id"),
                rs.getString("handle"),
                rs.getString("status"),
                Instant.ofEpochSecond(rs.getLong("received_at")),
                Instant.ofEpochSecond(rs.getLong("touched_at")),
                optionalTime(rs, "closed_at"),
                optionalTime(rs, "keep_until"));
    }

    private static Optional<Instant> optionalTime(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(value));
    }

    static int quarantineDue(Connection c, Instant by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM quarantine WHERE received_at <= ?")) {
            s.setLong(1, by.getEpochSecond());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Quarantine entries received at or before {@code by}: the oldest {@code limit}, deleted; their
     * blobs. The quarantine-folder messages of those with a location are queued for expunging.
     */
    static RetentionStore.QuarantineBatch purgeQuarantine(Connection c, Instant by, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        Set<String> blobs = new java.util.HashSet<>();
        List<QuarantineEntry.Location> located = new ArrayList<>();
        String select = "SELECT id, original_blob, folder_uidvalidity, folder_uid FROM quarantine"
                + " WHERE received_at <= ? ORDER BY received_at, id LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(select)) {
            s.setLong(1, by.getEpochSecond());
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    Optional.ofNullable(rs.getString(2)).ifPresent(blobs::add);
                    long validity = rs.getLong(3);
                    boolean noValidity = rs.wasNull();
                    long uid = rs.getLong(4);
                    if (!noValidity && !rs.wasNull()) {
                        located.add(new QuarantineEntry.Location(validity, uid));
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            for (long id : ids) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
        // In the same transaction: the mailbox holder expunges these messages (decision 28).
        QuarantineSql.queueExpunge(c, located);
        return new RetentionStore.QuarantineBatch(ids, blobs);
    }
}
