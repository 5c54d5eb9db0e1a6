// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tipbridge.conf.StoreConfig;

/**
 * Records, quarantine entries and handle mappings. Clear columns hold only record ids, handles,
 * channels, coarse times, statuses, counts, sizes, keyed hashes and blob ids, and the analysts'
 * own tags, names and action times; everything else (notes included) is sealed. Every write is durable when the method returns. Failures are {@link StoreException}s.
 */
public interface RecordStore extends AutoCloseable {

    /** The status of a freshly committed record. */
    String STATUS_NEW = "new";

    /** Opens the store named by {@code config.url()}, creating and migrating it as needed. */
    static RecordStore open(StoreConfig config) {
        return StoreUrls.open(config);
    }

    /**
     * Inserts the record and its attachments in one transaction, unless a record with the same
     * dedupe key exists: then nothing is inserted and the existing id comes back as a duplicate.
     */
    CommitResult commit(NewRecord record);

    /**
     * Commits several records in one transaction (one fsync for all of them): the results are in
     * the same order; a record whose dedupe key exists already is reported as a duplicate.
     */
    List<CommitResult> commitAll(List<NewRecord> records);

    /** Whether a record or a quarantine entry with this dedupe key exists. */
    boolean contains(byte[] dedupeKey);

    /** Up to {@code limit} records, newest first (by receive time, then id). */
    List<RecordSummary> list(int limit);

    Optional<StoredRecord> get(long id);

    /** Every record of one handle, oldest first (by id: the order they were committed in). */
    List<RecordSummary> listByHandle(String handle);

    /** The replies and acknowledgements, in the same database. */
    Outbox outbox();

    /** The Signal groups sent the one-time group notice, in the same database. */
    GroupNotices groupNotices();

    /** The trail of analyst actions, in the same database. */
    AuditLog audit();

    /** Tags, assignment, sealed notes and the filtered list, in the same database. */
    Cases cases();

    /** The status of a record an analyst closed. */
    String STATUS_CLOSED = "closed";

    /** Retention: what is due, deleting it, legal holds; in the same database. */
    RetentionStore retention();

    /**
     * Gives the space of deleted rows back and overwrites what the engine can: on SQLite a WAL
     * checkpoint (truncating the WAL), {@code VACUUM} and another checkpoint; on other engines
     * nothing yet. Runs outside any transaction; call it after a purge that deleted something.
     */
    void reclaim();

    /** Record statuses an analyst may set (case lifecycle). */
    java.util.List<String> STATUSES = java.util.List.of("new", "triaged", "investigating", "closed");

    /**
     * Sets a record's status and appends {@code event} to the audit log in the same transaction;
     * {@code touched_at} becomes the event's time, and {@code closed_at} too when the new status is
     * {@code closed} (else it is cleared). False when there is no such record.
     */
    boolean changeStatus(long id, String status, AuditLog.Event event);

    /** Number of records. */
    int count();

    /** Number of quarantine entries. */
    int quarantineCount();

    /**
     * Records a message that did not become a record; idempotent by dedupe key (a replay returns
     * the existing entry's id).
     */
    long quarantine(
            Channel channel, Instant received, String reasonCode, byte[] dedupeKey, Optional<BlobRef> sealedOriginal);

    /** Quarantine copies, analysts' release and delete requests, in the same database. */
    Quarantines quarantines();

    /**
     * Records messages that were over a rate limit: one quarantine row each (no copy), all in one
     * transaction, so a flood costs one commit per batch; idempotent by dedupe key like {@link
     * #quarantine}. Returns the entries' ids, in the order of the keys.
     */
    default List<Long> quarantineAll(Channel channel, Instant received, String reasonCode, List<byte[]> dedupeKeys) {
        return dedupeKeys.stream()
                .map(key -> quarantine(channel, received, reasonCode, key, Optional.empty()))
                .toList();
    }

    /** Up to {@code limit} quarantine entries, newest first. */
    List<QuarantineEntry> quarantined(int limit);

    /** Every blob id a record, an attachment or a quarantine entry refers to. */
    Set<String> referencedBlobs();

    Optional<HandleMapping> findMapping(byte[] lookupKey);

    Optional<HandleMapping> findByHandle(String handle);

    /**
     * Creates the mapping; if one for {@code lookupKey} exists already (another writer was first),
     * returns that one instead. Throws {@link StoreException.HandleTaken} if {@code handle} belongs
     * to another mapping.
     */
    HandleMapping createMapping(byte[] lookupKey, String handle, byte[] sealedReplyAddress, Instant now);

    /** Replaces the sealed reply address and the last-seen time of an existing mapping. */
    void updateMapping(String handle, byte[] sealedReplyAddress, Instant now);

    @Override
    void close();
}
