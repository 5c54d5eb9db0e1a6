// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives deleted rows' space back, per engine. SQLite (secure_delete is on for every connection, so
 * freed cells are zeroed as they are deleted): the WAL is checkpointed into the database and
 * truncated, so older page images in it are gone from the file's length; VACUUM rewrites the
 * database without free pages; a second checkpoint moves the rewritten pages out of the WAL. Other
 * engines: nothing here yet (PostgreSQL's part is its own).
 */
final class Reclaim {
    private Reclaim() {}

    static Void run(Connection c) throws SQLException {
        if (!"SQLite".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
            return null;
        }
        checkpoint(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("VACUUM");
        }
        checkpoint(c);
        return null;
    }

    private static void checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                throw new SQLException("the WAL checkpoint was blocked by another connection");
            }
        }
    }
}
