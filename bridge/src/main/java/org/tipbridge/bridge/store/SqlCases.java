// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** The analysts' work on records in the records database, sharing its connection and transactions. */
final class SqlCases implements Cases {
    private static final String TOUCH = "UPDATE records SET touched_at = ? WHERE id = ?";
    private static final String ASSIGN = "UPDATE records SET assigned_to = ?, touched_at = ? WHERE id = ?";
    private static final String ASSIGNED_TO = "SELECT assigned_to FROM records WHERE id = ?";

    private final Transactor tx;

    SqlCases(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public Optional<TagChange> retag(long id, Set<String> add, Set<String> remove, Action action) {
        checkTags(add);
        checkTags(remove);
        return tx.run("change a record's tags", c -> {
            if (assignedTo(c, id).isEmpty()) {
                return Optional.empty();
            }
            List<String> added = new ArrayList<>();
            for (String tag : new TreeSet<>(add)) {
                if (TagSql.add(c, id, tag)) {
                    added.add(tag);
                    event(c, id, TAG_ADDED, Optional.of(tag), action);
                }
            }
            List<String> removed = new ArrayList<>();
            for (String tag : new TreeSet<>(remove)) {
                if (TagSql.remove(c, id, tag)) {
                    removed.add(tag);
                    event(c, id, TAG_REMOVED, Optional.of(tag), action);
                }
            }
            if (!added.isEmpty() || !removed.isEmpty()) {
                touch(c, id, action);
            }
            return Optional.of(new TagChange(added, removed));
        });
    }

    @Override
    public boolean assign(long id, String analyst, Action action) {
        if (!ANALYST.matcher(analyst).matches()) {
            throw new IllegalArgumentException("not an analyst name");
        }
        return tx.run("assign a record", c -> {
            if (!setAssignee(c, id, analyst, action)) {
                return false;
            }
            event(c, id, ASSIGNED, Optional.of(analyst), action);
            return true;
        });
    }

    @Override
    public boolean unassign(long id, Action action) {
        return tx.run("unassign a record", c -> {
            Optional<Optional<String>> current = assignedTo(c, id);
            if (current.isEmpty()) {
                return false;
            }
            if (current.get().isPresent()) {
                setAssignee(c, id, null, action);
                event(c, id, UNASSIGNED, current.get(), action);
            }
            return true;
        });
    }

    @Override
    public OptionalLong addNote(long id, byte[] sealedNote, Action action) {
        return tx.run("add a note", c -> {
            if (!touch(c, id, action)) {
                return OptionalLong.empty();
            }
            long noteId = NoteSql.insert(c, id, sealedNote, action);
            event(c, id, NOTE_ADDED, Optional.empty(), action);
            return OptionalLong.of(noteId);
        });
    }

    @Override
    public List<Note> notes(long recordId) {
        return tx.run("read notes", c -> NoteSql.forRecord(c, recordId));
    }

    @Override
    public Optional<RecordPage> list(RecordFilter filter) {
        filter.tag().ifPresent(t -> checkTags(Set.of(t)));
        return tx.run("list records", c -> RecordListSql.page(c, filter));
    }

    @Override
    public void viewed(List<Long> recordIds, Action action) {
        tx.run("append to the audit log", c -> {
            for (long id : recordIds) {
                event(c, id, VIEWED, Optional.empty(), action);
            }
            return recordIds.size();
        });
    }

    @Override
    public void recordAction(long recordId, String what, Optional<String> detail, Action action) {
        tx.run("append to the audit log", c -> event(c, recordId, what, detail, action));
    }

    private static void checkTags(Collection<String> tags) {
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("not a tag");
            }
        }
    }

    /** Empty when there is no such record, else its assignee (empty: nobody). */
    private static Optional<Optional<String>> assignedTo(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ASSIGNED_TO)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Optional.ofNullable(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static boolean setAssignee(Connection c, long id, String analyst, Action action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ASSIGN)) {
            s.setString(1, analyst);
            s.setLong(2, action.at().getEpochSecond());
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Sets {@code touched_at} to the action's time; false when there is no such record. */
    private static boolean touch(Connection c, long id, Action action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TOUCH)) {
            s.setLong(1, action.at().getEpochSecond());
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    private static int event(Connection c, long id, String what, Optional<String> detail, Action action)
            throws SQLException {
        return SqlAuditLog.insert(c, new AuditLog.Event(action.actor(), what, detail, id, action.at()));
    }
}
