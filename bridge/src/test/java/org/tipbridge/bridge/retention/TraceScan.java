// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.conf.StoreConfig;

/** Looks for byte strings in every column of every row of every table, and in files. */
final class TraceScan {
    private TraceScan() {}

    /** "table.column" for every value holding {@code needle} (as bytes, or as text's UTF-8 bytes). */
    static List<String> tables(StoreConfig config, byte[] needle) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = TestDatabases.connect(config)) {
            for (String table : tableNames(c)) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            if (contains(rs.getBytes(i), needle)) {
                                hits.add(table + "." + rs.getMetaData().getColumnName(i));
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** Every user table, Flyway's history included. */
    static List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        String query = TestDatabases.postgresql()
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                : "SELECT name FROM sqlite_master WHERE type = 'table'";
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                names.add("\"" + rs.getString(1) + "\"");
            }
        }
        return names;
    }

    /** Files under {@code dirs} (recursively) whose bytes hold {@code needle}. */
    static List<Path> files(byte[] needle, Path... dirs) throws IOException {
        List<Path> hits = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    if (contains(Files.readAllBytes(file), needle)) {
                        hits.add(file);
                    }
                }
            }
        }
        return hits;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean contains(byte[] hay, byte[] needle) {
        if (hay == null || needle.length == 0) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
