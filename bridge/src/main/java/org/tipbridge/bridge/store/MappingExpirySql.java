// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tipbridge.bridge.store.RetentionStore.MappingBatch;
import org.tipbridge.bridge.store.RetentionStore.MappingCutoffs;

/**
 * Portable SQL that destroys handle mappings and settles the outbox of handles left without one;
 * the caller owns the transaction.
 */
final class MappingExpirySql {

    /** The reason code of outbox entries cancelled because their handle's mapping was destroyed. */
    static final String HANDLE_EXPIRED = "handle-expired";

    private static final String NO_RECORD =
            "NOT EXISTS (SELECT 1 FROM records r WHERE r.handle = handle_mappings.handle)";
    private static final String IDLE = "FROM handle_mappings WHERE last_seen <= ?";
    private static final String ORPHAN = "FROM handle_mappings WHERE last_seen <= ? AND " + NO_RECORD;
    private static final String EMPTIED =
            "DELETE FROM handle_mappings WHERE handle = ? AND last_seen <= ? AND " + NO_RECORD;

    private static final String OUTBOX_NO_MAPPING =
            " AND NOT EXISTS (SELECT 1 FROM handle_mappings m WHERE m.handle = outbox.handle)";
    private static final String OUTBOX_DELETE = "DELETE FROM outbox WHERE status <> ?" + OUTBOX_NO_MAPPING
            + " AND NOT EXISTS (SELECT 1 FROM records r WHERE r.handle = outbox.handle)";
    private static final String OUTBOX_CANCEL = "UPDATE outbox SET status = ?, last_error = ?, next_attempt = 0,"
            + " updated_at = ?, sealed_for_bridge = NULL, trust_sealed = NULL WHERE status IN (?, ?, ?)"
            + OUTBOX_NO_MAPPING;
    private static final String OUTBOX_DROP_TEXTS = "UPDATE outbox SET sealed_for_bridge = NULL, trust_sealed = NULL"
            + " WHERE status <> ? AND (sealed_for_bridge IS NOT NULL OR trust_sealed IS NOT NULL)"
            + OUTBOX_NO_MAPPING;

    /** Entries queued after a record that is gone (a purge left them while they were being sent). */
    private static final String OUTBOX_AFTER_GONE = "DELETE FROM outbox WHERE status <> ? AND after_record > 0"
            + " AND NOT EXISTS (SELECT 1 FROM records r WHERE r.id = outbox.after_record)";

    private MappingExpirySql() {}

    static List<String> due(Connection c, MappingCutoffs cutoffs) throws SQLException {
        Set<String> handles = new LinkedHashSet<>();
        if (cutoffs.idleBy().isPresent()) {
            handles.addAll(handles(c, "SELECT handle " + IDLE, cutoffs.idleBy().get()));
        }
        handles.addAll(handles(c, "SELECT handle " + ORPHAN, cutoffs.orphanBy()));
        return List.copyOf(handles);
    }

    /** Destroys idle and orphaned mappings, then settles the outbox; returns the counts. */
    static MappingBatch expire(Connection c, MappingCutoffs cutoffs, Instant now) throws SQLException {
        int mappings = 0;
        if (cutoffs.idleBy().isPresent()) {
            mappings += update(c, "DELETE " + IDLE, cutoffs.idleBy().get().getEpochSecond());
        }
        mappings += update(c, "DELETE " + ORPHAN, cutoffs.orphanBy().getEpochSecond());
        int afterGone;
        try (PreparedStatement s = c.prepareStatement(OUTBOX_AFTER_GONE)) {
            s.setString(1, OutboxStatus.SENDING.wireName());
            afterGone = s.executeUpdate();
        }
        return settleOutbox(c, mappings, now, List.of()).plus(new MappingBatch(0, 0, afterGone));
    }

    /**
     * Destroys the mappings of handles whose records were all just deleted (handle to the newest
     * deleted record's receive time), unless the sender was seen after it: then a message may be on
     * its way, and the orphan rule takes the mapping later.
     */
    static MappingBatch expireEmptied(Connection c, Map<String, Instant> newestDeleted, Instant now)
            throws SQLException {
        int mappings = 0;
        try (PreparedStatement s = c.prepareStatement(EMPTIED)) {
            for (Map.Entry<String, Instant> e : newestDeleted.entrySet()) {
                s.setString(1, e.getKey());
                s.setLong(2, e.getValue().getEpochSecond());
                mappings += s.executeUpdate();
            }
        }
        if (newestDeleted.isEmpty()) {
            return new MappingBatch(0, 0, 0);
        }
        return settleOutbox(c, mappings, now, List.copyOf(newestDeleted.keySet()));
    }

    /**
     * Entries of handles without a mapping: deleted when the handle has no record either (they hold
     * analyst-sealed reply texts of a conversation nobody can see any more), otherwise cancelled if
     * they could still leave, and without their bridge-sealed texts. {@code sending} is left alone.
     * Only the entries of {@code handles} (uses outbox_handle_idx), or of every handle when empty.
     */
    private static MappingBatch settleOutbox(Connection c, int mappings, Instant now, List<String> handles)
            throws SQLException {
        String sending = OutboxStatus.SENDING.wireName();
        String only = onlyHandles(handles);
        int deleted;
        try (PreparedStatement s = c.prepareStatement(OUTBOX_DELETE + only)) {
            s.setString(1, sending);
            bindHandles(s, 2, handles);
            deleted = s.executeUpdate();
        }
        int cancelled;
        try (PreparedStatement s = c.prepareStatement(OUTBOX_CANCEL + only)) {
            s.setString(1, OutboxStatus.CANCELLED.wireName());
            s.setString(2, HANDLE_EXPIRED);
            s.setLong(3, OutboxSql.coarse(now));
            s.setString(4, OutboxStatus.QUEUED.wireName());
            s.setString(5, OutboxStatus.NEEDS_DECISION.wireName());
            s.setString(6, OutboxStatus.FAILED.wireName());
            bindHandles(s, 7, handles);
            cancelled = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(OUTBOX_DROP_TEXTS + only)) {
            s.setString(1, sending);
            bindHandles(s, 2, handles);
            s.executeUpdate();
        }
        return new MappingBatch(mappings, cancelled, deleted);
    }

    private static String onlyHandles(List<String> handles) {
        return handles.isEmpty()
                ? ""
                : " AND outbox.handle IN (" + String.join(", ", Collections.nCopies(handles.size(), "?")) + ")";
    }

    private static void bindHandles(PreparedStatement s, int first, List<String> handles) throws SQLException {
        for (int i = 0; i < handles.size(); i++) {
            s.setString(first + i, handles.get(i));
        }
    }

    private static List<String> handles(Connection c, String sql, Instant cutoff) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql + " ORDER BY handle")) {
            s.setLong(1, cutoff.getEpochSecond());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static int update(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, parameter);
            return s.executeUpdate();
        }
    }
}
