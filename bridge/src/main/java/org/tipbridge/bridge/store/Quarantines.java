// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Quarantine entries after they were written: their sealed copies, the analysts' release and
 * delete requests, and the daemon's answers (decisions 27 and 28). Each method is one transaction;
 * an analyst request and its audit event are committed together. No content, no sender data.
 */
public interface Quarantines {

    /** Audit actions, by their stable names ({@code record_id} is then the quarantine entry id). */
    String VIEWED = "quarantine-viewed";

    String RELEASE_REQUESTED = "quarantine-release-requested";

    String DELETED = "quarantine-deleted";

    /** Which entries {@link #list} returns: empty means any. */
    record Filter(Optional<String> reasonCode, Optional<Channel> channel, int limit) {}

    /** Entries, newest first (by receive time, then id). */
    List<QuarantineEntry> list(Filter filter);

    Optional<QuarantineEntry> get(long id);

    /** The entry with this dedupe key, if one exists (a replayed message's earlier quarantine). */
    Optional<QuarantineEntry> byDedupeKey(byte[] dedupeKey);

    /**
     * Attaches a sealed copy to an entry that has none and is not being deleted; false when it
     * already had one (a replay) or is gone: the caller then discards {@code copy}.
     */
    boolean attachCopy(long id, BlobRef copy);

    /**
     * Asks the daemon to re-run the entry with {@code override} (a reason code): only from {@code
     * held} or {@code release-failed}; false otherwise or when there is no such entry.
     */
    boolean requestRelease(long id, String override, AuditLog.Event event);

    /**
     * Forgets the sealed copy now and, for an e-mail entry, asks the daemon to expunge the mailbox
     * copy ({@code delete-requested}; the daemon then removes the row); a Signal entry, which has no
     * mailbox copy, is removed at once. Returns the blob the caller must delete, if any; empty too
     * when there is no such entry (then {@code event} is not written).
     */
    Optional<Deleted> requestDelete(long id, AuditLog.Event event);

    /** What {@link #requestDelete} did: the blob to delete and whether the row is already gone. */
    record Deleted(Optional<String> blob, boolean removed) {}

    /** The detail of a released entry whose message is still to be expunged from the quarantine folder. */
    String EXPUNGE_PENDING = "expunge-pending";

    /**
     * E-mail entries the daemon has to act on ({@code release-requested}, {@code delete-requested},
     * and released ones still {@link #EXPUNGE_PENDING}), oldest first.
     */
    List<QuarantineEntry> pending(int limit);

    /**
     * Records where the entry's message lies in the quarantine folder, right after the move; false
     * when there is no such e-mail entry (then the message stays for the operator).
     */
    boolean located(long id, QuarantineEntry.Location location);

    /** {@link #located} for a batch (a flood's rate-limited mail), in one transaction. */
    default void locatedAll(java.util.Map<Long, QuarantineEntry.Location> places) {
        places.forEach(this::located);
    }

    /**
     * The release made record {@code recordId} (or found it made already); its message is still to
     * be expunged. Only from {@code release-requested}: false (nothing changed) when the entry left
     * that state meanwhile, e.g. an analyst deleted it.
     */
    boolean released(long id, long recordId, Instant at);

    /** The released entry's message is gone from the quarantine folder. */
    void expunged(long id);

    /**
     * The release could not be done; {@code detail} is a short code (e.g. a reason code). Only from
     * {@code release-requested}, as {@link #released}.
     */
    boolean releaseFailed(long id, String detail, Instant at);

    /** Deletes a {@code delete-requested} row; returns its copy's blob id for the caller to delete, if it had one. */
    Optional<String> remove(long id);

    /**
     * Quarantine-folder messages whose entry retention deleted (decision 28), oldest location
     * first, for the mailbox holder to expunge.
     */
    List<QuarantineEntry.Location> expungeQueue(int limit);

    /** Forgets queued expunges that were done (or found done). */
    void expungeDone(List<QuarantineEntry.Location> done);
}
