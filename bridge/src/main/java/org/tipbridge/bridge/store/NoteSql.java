// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Portable SQL for sealed analyst notes; the caller owns the transaction. */
final class NoteSql {
    private static final String INSERT =
            "INSERT INTO record_notes (record_id, at, actor, sealed_note) VALUES (?, ?, ?, ?) RETURNING id";
    private static final String BY_RECORD =
            "SELECT id, record_id, at, actor, sealed_note FROM record_notes WHERE record_id = ? ORDER BY id";

    private NoteSql() {}

    static long insert(Connection c, long recordId, byte[] sealedNote, Cases.Action action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setLong(1, recordId);
            s.setLong(2, action.at().getEpochSecond());
            s.setString(3, action.actor());
            s.setBytes(4, sealedNote);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<Cases.Note> forRecord(Connection c, long recordId) throws SQLException {
        List<Cases.Note> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(BY_RECORD)) {
            s.setLong(1, recordId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Cases.Note(
                            rs.getLong("id"),
                            rs.getLong("record_id"),
                            Instant.ofEpochSecond(rs.getLong("at")),
                            rs.getString("actor"),
                            rs.getBytes("sealed_note")));
                }
            }
        }
        return out;
    }
}
