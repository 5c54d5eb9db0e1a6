// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipbridge.bridge.retention.Purge;
import org.tipbridge.bridge.retention.PurgeReport;
import org.tipbridge.bridge.retention.RetentionPolicy;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tipbridge purge}: applies the {@code [retention]} rules now, as the daemon does on its
 * schedule; safe while the daemon runs (the database serialises writers). Deletions are audited
 * under the account that ran it.
 */
@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = "Delete now what the [retention] rules say is due: records, handle mappings, quarantine"
                + " entries, set-aside Signal lines.")
public final class PurgeCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Option(names = "--dry-run", description = "Show what would be deleted; delete nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public void run() {
        TipbridgeConfig config = homeOption.config();
        PurgeReport report;
        boolean reclaimed = false;
        try (Storage storage = Storage.open(config.store(), Clock.systemUTC())) {
            RecordStore store = storage.records();
            Purge purge = new Purge(
                    store,
                    storage.blobs(),
                    storage.attachSignalSpool(),
                    new RetentionPolicy(config.retention()),
                    Clock.systemUTC(),
                    Actor.current());
            report = dryRun ? purge.dryRun() : purge.run();
            if (!dryRun && report.deletedAnything()) {
                reclaimed = reclaim(store);
            }
        }
        print(report, reclaimed);
    }

    /** Deletion is done and reported even if the space cannot be reclaimed now (the daemon tries daily). */
    private static boolean reclaim(RecordStore store) {
        try {
            store.reclaim();
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private void print(PurgeReport r, boolean reclaimed) {
        Output out = new Output(System.out);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dryRun", r.dryRun());
            m.put("records", r.records());
            m.put("mappings", r.mappings());
            m.put("outboxCancelled", r.outboxCancelled());
            m.put("outboxDeleted", r.outboxDeleted());
            m.put("quarantine", r.quarantine());
            m.put("blobs", r.blobs());
            m.put("spoolSetAside", r.spoolSetAside());
            m.put("blobFailures", r.blobFailures());
            m.put("reclaimed", reclaimed);
            out.json(m);
            return;
        }
        PurgeText.print(out, r, reclaimed);
    }
}
