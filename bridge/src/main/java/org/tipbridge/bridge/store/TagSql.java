// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Portable SQL for record tags; the caller owns the transaction. */
final class TagSql {
    private static final String INSERT = "INSERT INTO record_tags (record_id, tag, received_at)"
            + " SELECT id, ?, received_at FROM records WHERE id = ? ON CONFLICT (record_id, tag) DO NOTHING";
    private static final String DELETE = "DELETE FROM record_tags WHERE record_id = ? AND tag = ?";

    /** Ids per IN query, well under any engine's limit on parameters. */
    private static final int CHUNK = 500;

    private TagSql() {}

    /** Whether the tag was added (false: the record had it already). */
    static boolean add(Connection c, long recordId, String tag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, tag);
            s.setLong(2, recordId);
            return s.executeUpdate() == 1;
        }
    }

    /** Whether the tag was removed (false: the record did not have it). */
    static boolean remove(Connection c, long recordId, String tag) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            s.setLong(1, recordId);
            s.setString(2, tag);
            return s.executeUpdate() == 1;
        }
    }

    /** The summaries with their tags, loaded with one query for all of them; order kept. */
    static List<RecordSummary> withTags(Connection c, List<RecordSummary> summaries) throws SQLException {
        if (summaries.isEmpty()) {
            return summaries;
        }
        Map<Long, List<String>> tags = new HashMap<>();
        for (int from = 0; from < summaries.size(); from += CHUNK) {
            tags.putAll(tagsOf(c, summaries.subList(from, Math.min(from + CHUNK, summaries.size()))));
        }
        List<RecordSummary> out = new ArrayList<>(summaries.size());
        for (RecordSummary r : summaries) {
            out.add(r.withTags(tags.getOrDefault(r.id(), List.of())));
        }
        return out;
    }

    private static Map<Long, List<String>> tagsOf(Connection c, List<RecordSummary> summaries) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(summaries.size(), "?"));
        Map<Long, List<String>> out = new HashMap<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT record_id, tag FROM record_tags WHERE record_id IN (" + marks + ")")) {
            for (int i = 0; i < summaries.size(); i++) {
                s.setLong(i + 1, summaries.get(i).id());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
