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
 * database without free pages; a second checkpoint moves the rewritten pages out of the WAL.
 * PostgreSQL: plain {@code VACUUM} of the tables retention deletes from, so the dead row versions
 * become free space that new rows overwrite; it does not overwrite them itself, and WAL, replicas
 * and backups keep their copies (operator guide, retention section). {@code VACUUM FULL} would
 * lock the tables against the intake for the whole rewrite and still only unlink the old files.
 */
final class Reclaim {
    private Reclaim() {}

    static Void run(Connection c) throws SQLException {
        String engine = c.getMetaData().getDatabaseProductName();
        if ("PostgreSQL".equalsIgnoreCase(engine)) {
            vacuum(c);
            return null;
        }
        if (!"SQLite".equalsIgnoreCase(engine)) {
            return null;
        }
        checkpoint(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("VACUUM");
        }
        checkpoint(c);
        return null;
    }

    /** The tables purges delete from (records' children, mappings, outbox, quarantine, blobs). */
    private static final java.util.List<String> PURGED_TABLES = java.util.List.of(
            "records",
            "record_attachments",
            "record_tags",
            "record_notes",
            "handle_mappings",
            "outbox",
            "quarantine",
            "blobs",
            "blob_chunks");

    private static void vacuum(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : PURGED_TABLES) {
                s.executeUpdate("VACUUM " + table);
            }
        }
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
