// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The analysts' work on records: tags, assignment, sealed notes, and the filtered list. Every
 * change is one transaction with its audit event(s) and sets the record's {@code touched_at} to
 * the action's time; a missing record changes nothing. Audit details are tag and analyst names
 * only, never content.
 */
public interface Cases {

    /** A tag: a short lower-case label. */
    Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /** An analyst's name as the analysts write it for assignment. */
    Pattern ANALYST = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    String TAG_ADDED = "tag-added";
    String TAG_REMOVED = "tag-removed";
    String ASSIGNED = "assigned";
    String UNASSIGNED = "unassigned";
    String NOTE_ADDED = "note-added";
    String VIEWED = "viewed";
    String REPLY_QUEUED = "reply-queued";
    String OUTBOX_CANCELLED = "outbox-cancelled";
    String OUTBOX_RETRIED = "outbox-retried";
    String SIGNAL_TRUSTED = "signal-trusted";

    /** Who acts, and when (the audit event's time and the record's new {@code touched_at}). */
    record Action(String actor, Instant at) {}

    /** The tags a {@link #retag} really added and removed (already present or absent ones are left out). */
    record TagChange(List<String> added, List<String> removed) {}

    /** One stored note, still sealed to the analysts. */
    record Note(long id, long recordId, Instant at, String actor, byte[] sealedNote) {
        public Note {
            sealedNote = sealedNote.clone();
        }

        @Override
        public byte[] sealedNote() {
            return sealedNote.clone();
        }
    }

    /**
     * Adds and removes tags (each matching {@link #TAG}) in one transaction, one audit event per tag
     * really added or removed; empty when there is no such record.
     */
    Optional<TagChange> retag(long id, Set<String> add, Set<String> remove, Action action);

    /** Assigns the record to {@code analyst} (matching {@link #ANALYST}); false when there is no such record. */
    boolean assign(long id, String analyst, Action action);

    /** Clears the assignment (audited only if someone was assigned); false when there is no such record. */
    boolean unassign(long id, Action action);

    /** Stores a note sealed to the analysts; its id, or empty when there is no such record. */
    OptionalLong addNote(long id, byte[] sealedNote, Action action);

    /** The notes of one record, oldest first. */
    List<Note> notes(long recordId);

    /** One page of the filtered list; empty when {@code filter.before()} names no record. */
    Optional<RecordPage> list(RecordFilter filter);

    /** Appends one {@link #VIEWED} event per record in one transaction; reading does not touch a record. */
    void viewed(List<Long> recordIds, Action action);

    /** Appends one event about a record (e.g. a reply queued against it) without touching it. */
    void recordAction(long recordId, String action, Optional<String> detail, Action who);
}
