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
import java.util.OptionalLong;

/** Portable SQL for quarantine entries; the caller owns the transaction. */
final class QuarantineSql {

    private static final String INSERT = "INSERT INTO quarantine (channel, received_at, reason_code,"
            + " dedupe_key, original_blob, size_bytes) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id";
    static final String COLUMNS = "id, channel, received_at, reason_code, original_blob, size_bytes, state,"
            + " state_detail, override_code, record_id, folder_uidvalidity, folder_uid";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM quarantine ORDER BY received_at DESC, id DESC LIMIT ?";

    private QuarantineSql() {}

    static long insert(
            Connection c,
            Channel channel,
            Instant received,
            String reasonCode,
            byte[] dedupeKey,
            Optional<BlobRef> original)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, channel.wireName());
            s.setLong(2, received.getEpochSecond());
            s.setString(3, reasonCode);
            s.setBytes(4, dedupeKey);
            if (original.isPresent()) {
                s.setString(5, original.get().id());
            } else {
                s.setNull(5, Types.VARCHAR);
            }
            s.setLong(6, original.map(BlobRef::size).orElse(0L));
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        return idByDedupeKey(c, dedupeKey).orElseThrow();
    }

    static OptionalLong idByDedupeKey(Connection c, byte[] dedupeKey) throws SQLException {
        return Sql.optionalLong(c, "SELECT id FROM quarantine WHERE dedupe_key = ?", dedupeKey);
    }

    static List<QuarantineEntry> list(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setInt(1, limit);
            return read(s);
        }
    }

    /** The entries {@code s} selects (with {@link #COLUMNS}), in its order. */
    static List<QuarantineEntry> read(PreparedStatement s) throws SQLException {
        List<QuarantineEntry> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static QuarantineEntry entry(ResultSet rs) throws SQLException {
        long recordId = rs.getLong("record_id");
        OptionalLong record = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(recordId);
        return new QuarantineEntry(
                rs.getLong("id"),
                Channel.fromWireName(rs.getString("channel")),
                Instant.ofEpochSecond(rs.getLong("received_at")),
                rs.getString("reason_code"),
                Optional.ofNullable(rs.getString("original_blob")),
                rs.getLong("size_bytes"),
                rs.getString("state"),
                Optional.ofNullable(rs.getString("state_detail")),
                Optional.ofNullable(rs.getString("override_code")),
                record,
                location(rs));
    }

    private static Optional<QuarantineEntry.Location> location(ResultSet rs) throws SQLException {
        long validity = rs.getLong("folder_uidvalidity");
        boolean noValidity = rs.wasNull();
        long uid = rs.getLong("folder_uid");
        return noValidity || rs.wasNull() ? Optional.empty() : Optional.of(new QuarantineEntry.Location(validity, uid));
    }

    /** Queues the expunge of deleted entries' quarantine-folder messages (none without a location). */
    static void queueExpunge(Connection c, List<QuarantineEntry.Location> locations) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO quarantine_expunge (folder_uidvalidity,"
                + " folder_uid) VALUES (?, ?) ON CONFLICT (folder_uidvalidity, folder_uid) DO NOTHING")) {
            for (QuarantineEntry.Location location : locations) {
                s.setLong(1, location.uidValidity());
                s.setLong(2, location.uid());
                s.executeUpdate();
            }
        }
    }

    static List<QuarantineEntry.Location> expungeQueue(Connection c, int limit) throws SQLException {
        List<QuarantineEntry.Location> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT folder_uidvalidity, folder_uid FROM quarantine_expunge"
                + " ORDER BY folder_uidvalidity, folder_uid LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new QuarantineEntry.Location(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    static void expungeDone(Connection c, List<QuarantineEntry.Location> done) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM quarantine_expunge WHERE folder_uidvalidity = ? AND folder_uid = ?")) {
            for (QuarantineEntry.Location location : done) {
                s.setLong(1, location.uidValidity());
                s.setLong(2, location.uid());
                s.executeUpdate();
            }
        }
    }
}
