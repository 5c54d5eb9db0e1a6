// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.util.List;

/**
 * What one retention run deleted (or, in a dry run, would delete): the record ids, and counts of
 * mappings destroyed, outbox entries cancelled and deleted, quarantine entries, blob files and
 * set-aside spool items, and blob files whose deletion failed (their rows are gone: the daemon's
 * start-up sweep removes them). A dry run does not count spool items.
 */
public record PurgeReport(
        boolean dryRun,
        List<Long> records,
        int mappings,
        int outboxCancelled,
        int outboxDeleted,
        int quarantine,
        int blobs,
        int spoolSetAside,
        int blobFailures) {

    public PurgeReport {
        records = List.copyOf(records);
    }

    /** Whether anything was (or would be) deleted or destroyed. */
    public boolean deletedAnything() {
        return !records.isEmpty()
                || mappings + outboxCancelled + outboxDeleted + quarantine + blobs + spoolSetAside > 0;
    }
}
