// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoreException;

/**
 * The daemon's periodic retention run: a {@link Purge}, then, when it deleted something, a {@link
 * RecordStore#reclaim()} at most once a day (a VACUUM rewrites the whole database). Logs counts only.
 */
public final class RetentionJob implements Runnable {
    /** The job's name in the scheduler. */
    public static final String NAME = "retention";

    /** Who the audit log names for the daemon's deletions. */
    public static final String ACTOR = "retention";

    static final Duration RECLAIM_EVERY = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Purge purge;
    private final RecordStore store;
    private final Clock clock;
    private Instant lastReclaim;
    private boolean reclaimDue;

    public RetentionJob(Purge purge, RecordStore store, Clock clock) {
        this.purge = purge;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public synchronized void run() {
        try {
            PurgeReport report = purge.run();
            if (report.deletedAnything()) {
                LOG.info(
                        "retention deleted {} record(s), {} mapping(s), {} quarantine entr(ies), {} blob(s),"
                                + " {} set-aside spool item(s); cancelled {} and deleted {} outbox entr(ies)",
                        report.records().size(),
                        report.mappings(),
                        report.quarantine(),
                        report.blobs(),
                        report.spoolSetAside(),
                        report.outboxCancelled(),
                        report.outboxDeleted());
                reclaimDue = true;
            }
            reclaimIfDue();
        } catch (StoreException e) {
            LOG.warn("retention failed ({}); it runs again at its next period", e.getMessage());
        }
    }

    private void reclaimIfDue() {
        Instant now = clock.instant();
        if (!reclaimDue || (lastReclaim != null && now.isBefore(lastReclaim.plus(RECLAIM_EVERY)))) {
            return;
        }
        store.reclaim();
        lastReclaim = now;
        reclaimDue = false;
    }
}
