// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.CommitResult;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoreException;

/**
 * Sealed records waiting to be committed together: one transaction, so one fsync, for many tips.
 * Nothing in a batch is acknowledged upstream before {@link #flush()} returned. Bounded by bytes.
 */
final class CommitBatch {
    private static final Logger LOG = LoggerFactory.getLogger(CommitBatch.class);
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private final RecordStore store;
    private final AnalystSeal seal;
    private final List<NewRecord> pending = new ArrayList<>();
    private long bytes;

    CommitBatch(RecordStore store, AnalystSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    /** Adds a record; true when the batch has grown large enough to be flushed now. */
    synchronized boolean add(NewRecord record) {
        pending.add(record);
        bytes += record.sealedRecordLength();
        return bytes >= MAX_BYTES;
    }

    /**
     * Commits every pending record in one transaction; on failure the caller must treat all of them
     * as not committed. True when a newly committed record asked for an acknowledgement.
     */
    synchronized boolean flush() throws IntakeException.TransientIo {
        if (pending.isEmpty()) {
            return false;
        }
        List<NewRecord> records = List.copyOf(pending);
        pending.clear();
        bytes = 0;
        List<CommitResult> results;
        try {
            results = store.commitAll(records);
        } catch (StoreException e) {
            // Attachment blobs are left alone: the commit may have happened before the failure was
            // seen. Unreferenced ones are removed by the start-up sweep, which asks the database.
            throw new IntakeException.TransientIo("committing a batch of records failed", e);
        }
        boolean acknowledgements = false;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).duplicate()) {
                discard(records.get(i));
            } else {
                acknowledgements |= records.get(i).ack().isPresent();
                // ids only at debug: an id next to an exact time could be matched with mail server logs
                LOG.debug("record {} committed", results.get(i).id());
            }
        }
        return acknowledgements;
    }

    private void discard(NewRecord record) {
        for (BlobRef blob : record.sealedAttachments()) {
            seal.discard(blob);
        }
    }
}
