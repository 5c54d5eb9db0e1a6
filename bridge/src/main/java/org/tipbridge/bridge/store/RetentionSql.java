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
    private static final List<String> DELETE_RECORD = List.of(
            "DELETE FROM record_attachments WHERE record_id = ?",
            "DELETE FROM record_tags WHERE record_id = ?",
            "DELETE FROM record_notes WHERE record_id = ?",
            "DELETE FROM records WHERE id = ?");
    private static final String HOLD = "UPDATE records SET keep_until = ?, touched_at = ? WHERE id = ?";

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

    /** Deletes one record with its attachments, tags and notes; returns the blob ids it referenced. */
    static List<String> delete(Connection c, long id) throws SQLException {
        List<String> blobs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(BLOBS)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    blobs.add(rs.getString(1));
                }
            }
        }
        for (String sql : DELETE_RECORD) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
        return blobs;
    }

    /** Sets or clears the hold; false when there is no such record. */
    static boolean hold(Connection c, long id, Optional<Instant> until, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HOLD)) {
            if (until.isPresent()) {
                s.setLong(1, until.get().getEpochSecond());
            } else {
                s.setNull(1, Types.BIGINT);
            }
            s.setLong(2, now.getEpochSecond());
            s.setLong(3, id);
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

    /** Quarantine entries received at or before {@code by}: the oldest {@code limit}, deleted; their blobs. */
    static RetentionStore.QuarantineBatch purgeQuarantine(Connection c, Instant by, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        Set<String> blobs = new java.util.HashSet<>();
        String select =
                "SELECT id, original_blob FROM quarantine WHERE received_at <= ? ORDER BY received_at, id LIMIT ?";
        try (PreparedStatement s = c.prepareStatement(select)) {
            s.setLong(1, by.getEpochSecond());
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    Optional.ofNullable(rs.getString(2)).ifPresent(blobs::add);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            for (long id : ids) {
                s.setLong(1, id);
                s.executeUpdate();
            }
        }
        return new RetentionStore.QuarantineBatch(ids, blobs);
    }
}
