// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * A running daemon's SQLite file read over JDBC, read-only: row counts polled far faster than a
 * CLI call (whose JVM start alone takes longer than the one second a tip may take to be sealed).
 */
final class ReadOnlyDatabase implements AutoCloseable {
    private final Connection connection;

    ReadOnlyDatabase(Path home) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        connection =
                DriverManager.getConnection("jdbc:sqlite:" + home.resolve("data/tipbridge.db"), config.toProperties());
    }

    long records() throws SQLException {
        return count("SELECT COUNT(*) FROM records");
    }

    long quarantined() throws SQLException {
        return count("SELECT COUNT(*) FROM quarantine");
    }

    private long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
