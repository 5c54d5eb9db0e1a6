// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Quarantine requests and copies over portable SQL; each method is one transaction. */
final class SqlQuarantines implements Quarantines {
    private static final String SELECT = "SELECT " + QuarantineSql.COLUMNS + " FROM quarantine";
    private static final String ATTACH = "UPDATE quarantine SET original_blob = ?, size_bytes = ?"
            + " WHERE id = ? AND original_blob IS NULL AND state <> '" + QuarantineEntry.STATE_DELETE_REQUESTED + "'";
    private static final String REQUEST_RELEASE =
            "UPDATE quarantine SET state = ?, override_code = ?, state_detail = NULL, state_at = ?"
                    + " WHERE id = ? AND state IN ('" + QuarantineEntry.STATE_HELD + "', '"
                    + QuarantineEntry.STATE_RELEASE_FAILED + "')";
    /** The daemon's answer: only to the request it acted on, so a delete asked meanwhile wins. */
    private static final String SET_STATE = "UPDATE quarantine SET state = ?, state_detail = ?, record_id = ?,"
            + " state_at = ? WHERE id = ? AND state = '" + QuarantineEntry.STATE_RELEASE_REQUESTED + "'";

    private static final String LOCATE =
            "UPDATE quarantine SET folder_uidvalidity = ?, folder_uid = ? WHERE id = ? AND channel = ?";
    private static final String FORGET_COPY =
            "UPDATE quarantine SET original_blob = NULL, size_bytes = 0, state = ?, state_at = ? WHERE id = ?";

    private final Transactor tx;

    SqlQuarantines(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public List<QuarantineEntry> list(Filter filter) {
        List<String> where = new ArrayList<>();
        List<String> values = new ArrayList<>();
        filter.reasonCode().ifPresent(code -> {
            where.add("reason_code = ?");
            values.add(code);
        });
        filter.channel().ifPresent(channel -> {
            where.add("channel = ?");
            values.add(channel.wireName());
        });
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY received_at DESC, id DESC LIMIT ?";
        return tx.run("list quarantine", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    s.setString(i + 1, values.get(i));
                }
                s.setInt(values.size() + 1, filter.limit());
                return QuarantineSql.read(s);
            }
        });
    }

    @Override
    public Optional<QuarantineEntry> get(long id) {
        return tx.run("read a quarantine entry", c -> get(c, id));
    }

    @Override
    public Optional<QuarantineEntry> byDedupeKey(byte[] dedupeKey) {
        return tx.run("read a quarantine entry", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE dedupe_key = ?")) {
                s.setBytes(1, dedupeKey);
                return QuarantineSql.read(s).stream().findFirst();
            }
        });
    }

    private static Optional<QuarantineEntry> get(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ?")) {
            s.setLong(1, id);
            return QuarantineSql.read(s).stream().findFirst();
        }
    }

    @Override
    public boolean attachCopy(long id, BlobRef copy) {
        return tx.run("attach a quarantine copy", c -> {
            try (PreparedStatement s = c.prepareStatement(ATTACH)) {
                s.setString(1, copy.id());
                s.setLong(2, copy.size());
                s.setLong(3, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean requestRelease(long id, String override, AuditLog.Event event) {
        return tx.run("request a release", c -> {
            try (PreparedStatement s = c.prepareStatement(REQUEST_RELEASE)) {
                s.setString(1, QuarantineEntry.STATE_RELEASE_REQUESTED);
                s.setString(2, override);
                s.setLong(3, event.at().getEpochSecond());
                s.setLong(4, id);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            SqlAuditLog.insert(c, event);
            return true;
        });
    }

    @Override
    public Optional<Deleted> requestDelete(long id, AuditLog.Event event) {
        return tx.run("delete a quarantine entry", c -> {
            Optional<QuarantineEntry> entry = get(c, id);
            if (entry.isEmpty()) {
                return Optional.<Deleted>empty();
            }
            SqlAuditLog.insert(c, event);
            if (entry.get().channel() == Channel.SIGNAL) {
                delete(c, id);
                return Optional.of(new Deleted(entry.get().originalBlob(), true));
            }
            try (PreparedStatement s = c.prepareStatement(FORGET_COPY)) {
                s.setString(1, QuarantineEntry.STATE_DELETE_REQUESTED);
                s.setLong(2, event.at().getEpochSecond());
                s.setLong(3, id);
                s.executeUpdate();
            }
            return Optional.of(new Deleted(entry.get().originalBlob(), false));
        });
    }

    @Override
    public List<QuarantineEntry> pending(int limit) {
        String sql = SELECT + " WHERE (state IN (?, ?) OR (state = ? AND state_detail = ?)) AND channel = ?"
                + " ORDER BY id LIMIT ?";
        return tx.run("list quarantine requests", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, QuarantineEntry.STATE_RELEASE_REQUESTED);
                s.setString(2, QuarantineEntry.STATE_DELETE_REQUESTED);
                s.setString(3, QuarantineEntry.STATE_RELEASED);
                s.setString(4, EXPUNGE_PENDING);
                s.setString(5, Channel.EMAIL.wireName());
                s.setInt(6, limit);
                return QuarantineSql.read(s);
            }
        });
    }

    @Override
    public boolean located(long id, QuarantineEntry.Location location) {
        return tx.run("record a quarantine location", c -> {
            try (PreparedStatement s = c.prepareStatement(LOCATE)) {
                s.setLong(1, location.uidValidity());
                s.setLong(2, location.uid());
                s.setLong(3, id);
                s.setString(4, Channel.EMAIL.wireName());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void locatedAll(java.util.Map<Long, QuarantineEntry.Location> places) {
        tx.run("record quarantine locations", c -> {
            try (PreparedStatement s = c.prepareStatement(LOCATE)) {
                for (var place : places.entrySet()) {
                    s.setLong(1, place.getValue().uidValidity());
                    s.setLong(2, place.getValue().uid());
                    s.setLong(3, place.getKey());
                    s.setString(4, Channel.EMAIL.wireName());
                    s.addBatch();
                }
                s.executeBatch();
                return null;
            }
        });
    }

    @Override
    public boolean released(long id, long recordId, Instant at) {
        return setState(id, QuarantineEntry.STATE_RELEASED, EXPUNGE_PENDING, recordId, at);
    }

    @Override
    public void expunged(long id) {
        tx.run("record an expunge", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE quarantine SET state_detail = NULL WHERE id = ? AND state = ?")) {
                s.setLong(1, id);
                s.setString(2, QuarantineEntry.STATE_RELEASED);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean releaseFailed(long id, String detail, Instant at) {
        return setState(id, QuarantineEntry.STATE_RELEASE_FAILED, detail, null, at);
    }

    private boolean setState(long id, String state, String detail, Long recordId, Instant at) {
        return tx.run("record a release outcome", c -> {
            try (PreparedStatement s = c.prepareStatement(SET_STATE)) {
                s.setString(1, state);
                s.setString(2, detail);
                if (recordId == null) {
                    s.setNull(3, java.sql.Types.BIGINT);
                } else {
                    s.setLong(3, recordId);
                }
                s.setLong(4, at.getEpochSecond());
                s.setLong(5, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<String> remove(long id) {
        return tx.run("remove a quarantine entry", c -> {
            Optional<QuarantineEntry> entry = get(c, id);
            if (entry.isEmpty() || !entry.get().state().equals(QuarantineEntry.STATE_DELETE_REQUESTED)) {
                return Optional.<String>empty();
            }
            delete(c, id);
            return entry.get().originalBlob();
        });
    }

    @Override
    public List<QuarantineEntry.Location> expungeQueue(int limit) {
        return tx.run("list quarantine expunges", c -> QuarantineSql.expungeQueue(c, limit));
    }

    @Override
    public void expungeDone(List<QuarantineEntry.Location> done) {
        tx.run("forget quarantine expunges", c -> {
            QuarantineSql.expungeDone(c, done);
            return null;
        });
    }

    private static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
