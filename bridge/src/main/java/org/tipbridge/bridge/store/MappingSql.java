// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Portable SQL for handle mappings; the caller owns the transaction. */
final class MappingSql {

    private static final String COLUMNS = "SELECT handle, lookup_key, sealed_reply, last_seen FROM handle_mappings";
    /** A handle whose mapping expired while records kept it counts as taken: never given to a new sender. */
    private static final String INSERT = "INSERT INTO handle_mappings (handle, lookup_key, sealed_reply, last_seen)"
            + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM records WHERE handle = ?) ON CONFLICT DO NOTHING";

    private static final String UPDATE = "UPDATE handle_mappings SET sealed_reply = ?, last_seen = ? WHERE handle = ?";

    private MappingSql() {}

    /**
     * Inserts the mapping unless its lookup key or handle is taken (by a mapping, or by records whose
     * mapping expired), then returns the lookup key's mapping.
     */
    static HandleMapping create(Connection c, byte[] lookupKey, String handle, byte[] sealed, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, handle);
            s.setBytes(2, lookupKey);
            s.setBytes(3, sealed);
            s.setLong(4, now.getEpochSecond());
            s.setString(5, handle);
            s.executeUpdate();
        }
        return byLookupKey(c, lookupKey).orElseThrow(StoreException.HandleTaken::new);
    }

    /** Returns whether a mapping with that handle existed. */
    static boolean update(Connection c, String handle, byte[] sealed, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            s.setBytes(1, sealed);
            s.setLong(2, now.getEpochSecond());
            s.setString(3, handle);
            return s.executeUpdate() == 1;
        }
    }

    static Optional<HandleMapping> byLookupKey(Connection c, byte[] lookupKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE lookup_key = ?")) {
            s.setBytes(1, lookupKey);
            return one(s);
        }
    }

    static Optional<HandleMapping> byHandle(Connection c, String handle) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + " WHERE handle = ?")) {
            s.setString(1, handle);
            return one(s);
        }
    }

    private static Optional<HandleMapping> one(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new HandleMapping(
                    rs.getString(1), rs.getBytes(2), rs.getBytes(3), Instant.ofEpochSecond(rs.getLong(4))));
        }
    }
}
