// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit log in the records database, sharing its connection and transactions. */
final class SqlAuditLog implements AuditLog {
    private static final String INSERT =
            "INSERT INTO audit_events (at, actor, action, detail, record_id) VALUES (?, ?, ?, ?, ?)";
    private static final String COLUMNS = "SELECT id, at, actor, action, detail, record_id FROM audit_events";
    private static final String BY_RECORD = COLUMNS + " WHERE record_id = ? ORDER BY id";
    private static final String RECENT = COLUMNS + " ORDER BY id DESC LIMIT ?";

    private final Transactor tx;

    SqlAuditLog(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void append(Event event) {
        tx.run("append to the audit log", c -> insert(c, event));
    }

    /** Appends within a caller's transaction (so the action and its trail commit together). */
    static int insert(java.sql.Connection c, Event event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setLong(1, event.at().getEpochSecond());
            s.setString(2, event.actor());
            s.setString(3, event.action());
            s.setString(4, event.detail().orElse(null));
            s.setLong(5, event.recordId());
            return s.executeUpdate();
        }
    }

    @Override
    public List<AuditEvent> forRecord(long recordId) {
        return query("read the audit log", BY_RECORD, recordId);
    }

    @Override
    public List<AuditEvent> recent(int limit) {
        return query("read the audit log", RECENT, limit);
    }

    private List<AuditEvent> query(String what, String sql, long parameter) {
        return tx.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, parameter);
                try (ResultSet rs = s.executeQuery()) {
                    return events(rs);
                }
            }
        });
    }

    private static List<AuditEvent> events(ResultSet rs) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        while (rs.next()) {
            events.add(new AuditEvent(
                    rs.getLong("id"),
                    Instant.ofEpochSecond(rs.getLong("at")),
                    rs.getString("actor"),
                    rs.getString("action"),
                    Optional.ofNullable(rs.getString("detail")),
                    rs.getLong("record_id")));
        }
        return events;
    }
}
