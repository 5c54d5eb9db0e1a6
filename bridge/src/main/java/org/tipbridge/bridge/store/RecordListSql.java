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
 * on an indexed column, the page starts after a row-value comparison on {@code (received_at, id)}
 * instead of an OFFSET, and one more row than the page is read to tell whether another page
 * follows. With a tag, the page is read in order off {@code record_tags_received_idx} (the tag rows
 * carry their record's receive time), so a common tag needs no sort of all its records. The caller
 * owns the transaction.
 */
final class RecordListSql {
    private static final String COLUMNS = "SELECT r.id AS id, r.handle AS handle, r.channel AS channel,"
            + " r.received_at AS received_at, r.status AS status, r.attachment_count AS attachment_count,"
            + " r.size_bytes AS size_bytes, r.assigned_to AS assigned_to, r.touched_at AS touched_at,"
            + " r.closed_at AS closed_at, r.keep_until AS keep_until";
    private static final String RECEIVED_OF = "SELECT received_at FROM records WHERE id = ?";

    private RecordListSql() {}

    /** Where a page is read from: the records alone, or one tag's rows joined to their records. */
    private record Source(String from, String received, String key, String order) {
        static final Source RECORDS = new Source(
                " FROM records r", "r.received_at", "(r.received_at, r.id)", " ORDER BY r.received_at DESC, r.id DESC");
        static final Source TAGGED = new Source(
                " FROM record_tags t JOIN records r ON r.id = t.record_id",
                "t.received_at",
                "(t.received_at, t.record_id)",
                " ORDER BY t.received_at DESC, t.record_id DESC");
    }

    static Optional<RecordPage> page(Connection c, RecordFilter f) throws SQLException {
        Source source = f.tag().isPresent() ? Source.TAGGED : Source.RECORDS;
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        conditions(f, source, where, parameters);
        if (f.before().isPresent()) {
            Optional<Long> received = receivedAt(c, f.before().getAsLong());
            if (received.isEmpty()) {
                return Optional.empty();
            }
            where.add(source.key() + " < (?, ?)");
            parameters.add(received.get());
            parameters.add(f.before().getAsLong());
        }
        parameters.add(f.limit() + 1);
        String sql = COLUMNS + source.from() + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + source.order() + " LIMIT ?";
        List<RecordSummary> rows;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            rows = RecordSql.summaries(c, s);
        }
        boolean more = rows.size() > f.limit();
        return Optional.of(new RecordPage(more ? rows.subList(0, f.limit()) : rows, more));
    }

    private static void conditions(RecordFilter f, Source source, List<String> where, List<Object> parameters) {
        f.tag().ifPresent(v -> add(where, parameters, "t.tag = ?", v));
        f.status().ifPresent(v -> add(where, parameters, "r.status = ?", v));
        f.channel().ifPresent(v -> add(where, parameters, "r.channel = ?", v.wireName()));
        f.handle().ifPresent(v -> add(where, parameters, "r.handle = ?", v));
        f.since().ifPresent(v -> add(where, parameters, source.received() + " >= ?", v.getEpochSecond()));
        f.assigned().ifPresent(a -> {
            if (a instanceof RecordFilter.To to) {
                add(where, parameters, "r.assigned_to = ?", to.analyst());
            } else {
                where.add("r.assigned_to IS NULL");
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
