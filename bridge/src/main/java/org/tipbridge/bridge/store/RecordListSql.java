// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The filtered, keyset-paged record list in portable SQL: every condition is an equality or range
 * on an indexed column (or a tag looked up through {@code record_tags_tag_idx}), the page starts
 * after a row-value comparison on {@code (received_at, id)} instead of an OFFSET, and one more row
 * than the page is read to tell whether another page follows. The caller owns the transaction.
 */
final class RecordListSql {
    private static final String ORDER = " ORDER BY received_at DESC, id DESC LIMIT ?";
    private static final String RECEIVED_OF = "SELECT received_at FROM records WHERE id = ?";

    private RecordListSql() {}

    static Optional<RecordPage> page(Connection c, RecordFilter f) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        conditions(f, where, parameters);
        if (f.before().isPresent()) {
            long before = f.before().getAsLong();
            Optional<Long> received = receivedAt(c, before);
            if (received.isEmpty()) {
                return Optional.empty();
            }
            where.add("(received_at, id) < (?, ?)");
            parameters.add(received.get());
            parameters.add(before);
        }
        parameters.add(f.limit() + 1);
        String sql = RecordSql.SUMMARY_COLUMNS + " FROM records"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ORDER;
        List<RecordSummary> rows;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            rows = RecordSql.summaries(c, s);
        }
        boolean more = rows.size() > f.limit();
        return Optional.of(new RecordPage(more ? rows.subList(0, f.limit()) : rows, more));
    }

    private static void conditions(RecordFilter f, List<String> where, List<Object> parameters) {
        f.status().ifPresent(v -> add(where, parameters, "status = ?", v));
        f.channel().ifPresent(v -> add(where, parameters, "channel = ?", v.wireName()));
        f.handle().ifPresent(v -> add(where, parameters, "handle = ?", v));
        f.since().ifPresent(v -> add(where, parameters, "received_at >= ?", v.getEpochSecond()));
        f.tag().ifPresent(v -> add(where, parameters, "id IN (SELECT record_id FROM record_tags WHERE tag = ?)", v));
        f.assigned().ifPresent(a -> {
            if (a instanceof RecordFilter.To to) {
                add(where, parameters, "assigned_to = ?", to.analyst());
            } else {
                where.add("assigned_to IS NULL");
            }
        });
    }

    private static void add(List<String> where, List<Object> parameters, String condition, Object value) {
        where.add(condition);
        parameters.add(value);
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            if (p instanceof String text) {
                s.setString(i + 1, text);
            } else {
                s.setLong(i + 1, ((Number) p).longValue());
            }
        }
    }

    private static Optional<Long> receivedAt(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(RECEIVED_OF)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}
