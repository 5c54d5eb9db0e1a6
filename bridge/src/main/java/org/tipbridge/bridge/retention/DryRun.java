// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tipbridge.bridge.store.HandleMapping;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.RetentionStore.RecordCutoffs;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;

/** What a purge would delete at a given time, found without changing anything. */
final class DryRun {
    private final RecordStore store;
    private final RetentionPolicy policy;

    DryRun(RecordStore store, RetentionPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    PurgeReport at(Instant now) {
        Purge.Tally tally = new Purge.Tally();
        Map<String, Instant> newestByHandle = new HashMap<>();
        for (RecordTimes r : dueRecords(now)) {
            tally.records.add(r.id());
            newestByHandle.merge(r.handle(), r.received(), (a, b) -> a.isAfter(b) ? a : b);
        }
        for (int from = 0; from < tally.records.size(); from += Purge.BATCH) {
            List<Long> batch = tally.records.subList(from, Math.min(from + Purge.BATCH, tally.records.size()));
            tally.blobs += store.retention().attachmentCount(batch);
        }
        Set<String> mappings = new LinkedHashSet<>(store.retention().mappingsDue(policy.mappingCutoffs(now)));
        Set<Long> purged = new HashSet<>(tally.records);
        newestByHandle.forEach((handle, newest) -> {
            if (emptied(handle, newest, purged)) {
                mappings.add(handle);
            }
        });
        tally.mappings = mappings.size();
        tally.quarantine = policy.quarantineCutoff(now)
                .map(cutoff -> store.retention().quarantineDue(cutoff))
                .orElse(0);
        return tally.report(true);
    }

    /** Due records, by id. */
    List<RecordTimes> dueRecords(Instant now) {
        return dueRecords(now, Integer.MAX_VALUE);
    }

    /** The first {@code max} (or a few more) due records, by id. */
    List<RecordTimes> dueRecords(Instant now, int max) {
        RecordCutoffs cutoffs = policy.recordCutoffs(now);
        List<RecordTimes> due = new ArrayList<>();
        long after = 0;
        List<RecordTimes> page;
        do {
            page = store.retention().candidates(cutoffs, after, Purge.BATCH);
            page.stream().filter(r -> policy.dueRule(r, now).isPresent()).forEach(due::add);
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() >= Purge.BATCH && due.size() < max);
        return due;
    }

    /** Whether purging {@code purged} leaves the handle without records and its mapping would go with them. */
    private boolean emptied(String handle, Instant newest, Set<Long> purged) {
        boolean seenSince = store.findByHandle(handle)
                .map(HandleMapping::lastSeen)
                .map(seen -> seen.isAfter(newest))
                .orElse(true);
        return !seenSince
                && store.listByHandle(handle).stream().map(RecordSummary::id).allMatch(purged::contains);
    }
}
