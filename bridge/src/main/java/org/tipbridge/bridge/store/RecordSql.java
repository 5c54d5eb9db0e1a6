// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Portable SQL (SQLite and PostgreSQL) for records and attachments; the caller owns the transaction. */
final class RecordSql {

    private static final String INSERT = "INSERT INTO records (handle, channel, received_at, status,"
            + " attachment_count, size_bytes, dedupe_key, sealed_record, touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id";
    private static final String INSERT_ATTACHMENT =
            "INSERT INTO record_attachments (record_id, position, blob_id) VALUES (?, ?, ?)";
    private static final String SUMMARY_COLUMNS = "SELECT id, handle, channel, received_at, status, attachment_count,"
            + " size_bytes, assigned_to, touched_at, closed_at, keep_until";
    private static final String LIST = SUMMARY_COLUMNS + " FROM records ORDER BY received_at DESC, id DESC LIMIT ?";
    private static final String BY_HANDLE = SUMMARY_COLUMNS + " FROM records WHERE handle = ? ORDER BY id";
    private static final String GET = SUMMARY_COLUMNS + ", sealed_record FROM records WHERE id = ?";
    private static final String ATTACHMENTS =
            "SELECT blob_id FROM record_attachments WHERE record_id = ? ORDER BY position";
    private static final String REFERENCED = "SELECT blob_id FROM record_attachments"
            + " UNION SELECT original_blob FROM quarantine WHERE original_blob IS NOT NULL";

    private RecordSql() {}

    static List<CommitResult> commitAll(Connection c, List<NewRecord> records) throws SQLException {
        List<CommitResult> out = new ArrayList<>(records.size());
        for (NewRecord r : records) {
            out.add(commit(c, r));
        }
        return out;
    }

    static CommitResult commit(Connection c, NewRecord r) throws SQLException {
        OptionalLong inserted = insert(c, r);
        if (inserted.isEmpty()) {
            return new CommitResult(idByDedupeKey(c, r.dedupeKey()).orElseThrow(), true);
        }
        long id = inserted.getAsLong();
        try (PreparedStatement s = c.prepareStatement(INSERT_ATTACHMENT)) {
            for (int position = 0; position < r.sealedAttachments().size(); position++) {
                s.setLong(1, id);
                s.setInt(2, position);
                s.setString(3, r.sealedAttachments().get(position).id());
                s.addBatch();
            }
            s.executeBatch();
        }
        if (r.ack().isPresent()) {
            OutboxSql.acknowledge(
                    c, r.handle(), r.channel(), id, r.received(), r.ack().get());
        }
        return new CommitResult(id, false);
    }

    private static OptionalLong insert(Connection c, NewRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, r.handle());
            s.setString(2, r.channel().wireName());
            s.setLong(3, r.received().getEpochSecond());
            s.setString(4, RecordStore.STATUS_NEW);
            s.setInt(5, r.attachmentCount());
            s.setLong(6, r.totalSize());
            s.setBytes(7, r.dedupeKey());
            s.setBytes(8, r.sealedRecord());
            s.setLong(9, r.received().getEpochSecond());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static OptionalLong idByDedupeKey(Connection c, byte[] dedupeKey) throws SQLException {
        return Sql.optionalLong(c, "SELECT id FROM records WHERE dedupe_key = ?", dedupeKey);
    }

    static List<RecordSummary> list(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setInt(1, limit);
            return summaries(c, s);
        }
    }

    static List<RecordSummary> listByHandle(Connection c, String handle) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_HANDLE)) {
            s.setString(1, handle);
            return summaries(c, s);
        }
    }

    /** The summaries a prepared query returns, in its order, with their tags (one more query for all of them). */
    static List<RecordSummary> summaries(Connection c, PreparedStatement s) throws SQLException {
        List<RecordSummary> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(summary(rs));
            }
        }
        return TagSql.withTags(c, out);
    }

    static Optional<StoredRecord> get(Connection c, long id) throws SQLException {
        RecordSummary summary;
        byte[] sealedRecord;
        try (PreparedStatement s = c.prepareStatement(GET)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                summary = summary(rs);
                sealedRecord = rs.getBytes("sealed_record");
            }
        }
        RecordSummary tagged = TagSql.withTags(c, List.of(summary)).get(0);
        return Optional.of(new StoredRecord(tagged, sealedRecord, attachmentBlobs(c, id)));
    }

    private static List<String> attachmentBlobs(Connection c, long id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(ATTACHMENTS)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static int count(Connection c) throws SQLException {
        return (int) Sql.optionalLong(c, "SELECT COUNT(*) FROM records").orElse(0);
    }

    static Set<String> referencedBlobs(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(REFERENCED);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static RecordSummary summary(ResultSet rs) throws SQLException {
        return new RecordSummary(
                rs.getLong("id"),
                rs.getString("handle"),
                Channel.fromWireName(rs.getString("channel")),
                Instant.ofEpochSecond(rs.getLong("received_at")),
                rs.getString("status"),
                rs.getInt("attachment_count"),
                rs.getLong("size_bytes"),
                Optional.ofNullable(rs.getString("assigned_to")),
                List.of(),
                Instant.ofEpochSecond(rs.getLong("touched_at")),
                optionalInstant(rs, "closed_at"),
                optionalInstant(rs, "keep_until"));
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }
}
