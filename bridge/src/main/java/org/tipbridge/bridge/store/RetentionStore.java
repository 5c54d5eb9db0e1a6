// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What retention reads and deletes, in the records database. The store finds candidates with its
 * indexes; whether a candidate is due is the caller's {@link Verdict} (the retention policy),
 * applied again inside the deleting transaction. Each call is one transaction; blob files are the
 * caller's to delete once it returned (the ids come back).
 */
public interface RetentionStore {

    /** Audit actions of retention. */
    String PURGED = "purged";

    String HELD = "held";

    String RELEASED = "released";

    /** Retention's view of one record: clear columns only. */
    record RecordTimes(
            long id,
            String handle,
            String status,
            Instant received,
            Instant touched,
            Optional<Instant> closed,
            Optional<Instant> keepUntil) {}

    /**
     * Which records may be due at {@code now}: closed ones closed at or before {@code closedBy},
     * any touched at or before {@code touchedBy} (empty: that rule is off), none held past now.
     */
    record RecordCutoffs(Instant now, Optional<Instant> closedBy, Optional<Instant> touchedBy) {}

    /** Decides whether a candidate is due and by which rule (empty: keep it). */
    @FunctionalInterface
    interface Verdict {
        Optional<String> rule(RecordTimes record);
    }

    /** One deleted record and the rule that deleted it. */
    record PurgedRecord(long id, String handle, String rule) {}

    /** What one mapping step destroyed: mappings, outbox entries cancelled, outbox entries deleted. */
    record MappingBatch(int mappings, int outboxCancelled, int outboxDeleted) {
        public MappingBatch plus(MappingBatch other) {
            return new MappingBatch(
                    mappings + other.mappings,
                    outboxCancelled + other.outboxCancelled,
                    outboxDeleted + other.outboxDeleted);
        }
    }

    /**
     * One batch of deleted records, the blob ids they referenced, the highest candidate id looked at
     * (the next batch starts after it), whether more candidates may follow, and the mappings that
     * went because their handle lost its last record.
     */
    record RecordBatch(
            List<PurgedRecord> purged, Set<String> blobs, long lastId, boolean more, MappingBatch mappings) {}

    /**
     * Which mappings are due: sender not seen since {@code idleBy} (empty: never by idleness), or no
     * record left and not seen since {@code orphanBy}.
     */
    record MappingCutoffs(Optional<Instant> idleBy, Instant orphanBy) {}

    /** Deleted quarantine entries and the original blobs they referenced. */
    record QuarantineBatch(List<Long> ids, Set<String> blobs) {}

    /** Up to {@code limit} candidates with an id above {@code afterId}, by id; nothing is changed. */
    List<RecordTimes> candidates(RecordCutoffs cutoffs, long afterId, int limit);

    /**
     * Deletes the due ones among the next {@code limit} candidates (their attachments, tags, notes
     * and the outbox entries queued after them, except those being sent, go with them; a record held
     * or touched since it was read stays), appends a {@link #PURGED} event per record (detail: the rule) by
     * {@code actor}, and destroys the mapping of a handle left without records unless its sender
     * was seen after the newest of them; one transaction.
     */
    RecordBatch purgeRecords(RecordCutoffs cutoffs, Verdict verdict, long afterId, int limit, String actor);

    /** One record's retention view. */
    Optional<RecordTimes> times(long id);

    /**
     * Holds the record until {@code until} (exclusive), or releases it when empty; the record does
     * not count as touched (the hold protects it, not a restarted clock); the event goes to the audit log in the same transaction. False: no such record.
     */
    boolean hold(long id, Optional<Instant> until, AuditLog.Event event);

    /** Attachment references of these records (at most a batch of ids), without loading them. */
    int attachmentCount(List<Long> recordIds);

    /** Handles whose mapping is due; nothing is changed. */
    List<String> mappingsDue(MappingCutoffs cutoffs);

    /**
     * Destroys the due mappings, then settles the outbox of every handle without a
     * mapping: entries that could still leave are cancelled ({@code handle-expired}), sealed texts for
     * the bridge dropped; a handle without records loses its entries altogether. Entries being sent
     * are left to a later run. Also deletes entries queued after a record that is gone (left by a
     * purge while they were being sent). One transaction.
     */
    MappingBatch expireMappings(MappingCutoffs cutoffs, Instant now);

    /** Number of quarantine entries received at or before {@code receivedBy}. */
    int quarantineDue(Instant receivedBy);

    /** Deletes up to {@code limit} quarantine entries received at or before {@code receivedBy}. */
    QuarantineBatch purgeQuarantine(Instant receivedBy, int limit);
}
