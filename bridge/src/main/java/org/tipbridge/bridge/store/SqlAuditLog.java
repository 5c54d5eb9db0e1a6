// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log in the records database, sharing its connection and transactions. */
final class SqlAuditLog implements AuditLog {
    private static final String INSERT = "INSERT INTO audit_events (at, action, record_id) VALUES (?, ?, ?)";
    private static final String BY_RECORD =
            "SELECT id, at, action, record_id FROM audit_events WHERE record_id = ? ORDER BY id";

    private final Transactor tx;

    SqlAuditLog(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public void append(String action, long recordId, Instant at) {
        tx.run("append to the audit log", c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setLong(1, at.getEpochSecond());
                s.setString(2, action);
                s.setLong(3, recordId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<AuditEvent> forRecord(long recordId) {
        return tx.run("read the audit log", c -> {
            try (PreparedStatement s = c.prepareStatement(BY_RECORD)) {
                s.setLong(1, recordId);
                List<AuditEvent> events = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new AuditEvent(
                                rs.getLong("id"),
                                Instant.ofEpochSecond(rs.getLong("at")),
                                rs.getString("action"),
                                rs.getLong("record_id")));
                    }
                }
                return events;
            }
        });
    }
}
