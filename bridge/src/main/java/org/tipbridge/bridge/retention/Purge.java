// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RetentionStore;
import org.tipbridge.bridge.store.RetentionStore.MappingBatch;
import org.tipbridge.bridge.store.RetentionStore.RecordBatch;
import org.tipbridge.bridge.store.RetentionStore.RecordCutoffs;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.StoreException;

/**
 * Applies the retention policy once: expired records (with their attachments' blob files), the
 * mappings of idle or emptied handles (settling their outbox), old quarantine entries (with their
 * originals) and old set-aside spool items. Rows go first, in transactions of {@link #BATCH}
 * records; blob files after each commit. It does not reclaim space: the caller runs {@link
 * RecordStore#reclaim()} when the report says something was deleted.
 */
public final class Purge {
    static final int BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Purge.class);

    private final RecordStore store;
    private final BlobStore blobs;
    private final Optional<Spool> spool;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final String actor;

    /** {@code actor} is who runs it, for the audit log ({@code retention} for the daemon). */
    public Purge(
            RecordStore store,
            BlobStore blobs,
            Optional<Spool> spool,
            RetentionPolicy policy,
            Clock clock,
            String actor) {
        this.store = store;
        this.blobs = blobs;
        this.spool = spool;
        this.policy = policy;
        this.clock = clock;
        this.actor = actor;
    }

    /** Deletes everything due now. */
    public PurgeReport run() {
        Instant now = clock.instant();
        Tally tally = new Tally();
        purgeRecords(now, tally);
        tally.add(retention().expireMappings(policy.mappingCutoffs(now), now));
        Optional<Instant> quarantineCutoff = policy.quarantineCutoff(now);
        if (quarantineCutoff.isPresent()) {
            purgeQuarantine(quarantineCutoff.get(), tally);
            tally.spool +=
                    spool.map(s -> s.deleteSetAside(quarantineCutoff.get())).orElse(0);
        }
        return tally.report(false);
    }

    /** What {@link #run} would delete now, deleting nothing (outbox entries and spool items are not counted). */
    public PurgeReport dryRun() {
        return new DryRun(store, policy).at(clock.instant());
    }

    private void purgeRecords(Instant now, Tally tally) {
        RecordCutoffs cutoffs = policy.recordCutoffs(now);
        long after = 0;
        boolean more = true;
        while (more) {
            RecordBatch batch = retention().purgeRecords(cutoffs, r -> policy.dueRule(r, now), after, BATCH, actor);
            // The rows are gone (committed); now their blob files. A crash in between leaves files no
            // row refers to: the daemon's start-up sweep (BlobStore.sweep) deletes them.
            deleteBlobs(batch.blobs(), tally);
            batch.purged().forEach(p -> tally.records.add(p.id()));
            tally.add(batch.mappings());
            after = batch.lastId();
            more = batch.more();
        }
    }

    private void purgeQuarantine(Instant cutoff, Tally tally) {
        RetentionStore.QuarantineBatch batch;
        do {
            batch = retention().purgeQuarantine(cutoff, BATCH);
            // As above: a crash before the files go leaves them to the start-up sweep.
            deleteBlobs(batch.blobs(), tally);
            tally.quarantine += batch.ids().size();
        } while (batch.ids().size() >= BATCH);
    }

    /**
     * Deletes each file; one that fails does not stop the others (its row is gone already, so the
     * start-up sweep removes it). Only the number of failures is logged, never an id.
     */
    private void deleteBlobs(Set<String> ids, Tally tally) {
        int failed = 0;
        for (String id : ids) {
            try {
                blobs.delete(id);
                tally.blobs++;
            } catch (StoreException e) {
                failed++;
            }
        }
        if (failed > 0) {
            tally.blobFailures += failed;
            LOG.warn("{} blob deletion(s) failed; the daemon's start-up sweep removes them", failed);
        }
    }

    private RetentionStore retention() {
        return store.retention();
    }

    /** Counts of one run. */
    static final class Tally {
        final List<Long> records = new ArrayList<>();
        int mappings;
        int cancelled;
        int deleted;
        int quarantine;
        int blobs;
        int spool;
        int blobFailures;

        void add(MappingBatch m) {
            mappings += m.mappings();
            cancelled += m.outboxCancelled();
            deleted += m.outboxDeleted();
        }

        PurgeReport report(boolean dryRun) {
            return new PurgeReport(
                    dryRun, records, mappings, cancelled, deleted, quarantine, blobs, spool, blobFailures);
        }
    }
}
