// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tipbridge queue}: the records, newest first, and one record decrypted locally. */
@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = "List and read tips.",
        subcommands = {ExportCommand.class, KeepCommand.class})
public final class QueueCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List records, newest first.")
    void list(
            @Mixin HomeOption homeOption,
            @Option(names = "--json") boolean json,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit) {
        if (limit < 1) {
            throw new CliFailure.Usage("--limit must be at least 1");
        }
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            List<RecordSummary> rows = store.list(limit);
            Output out = new Output(System.out);
            if (json) {
                out.json(rows.stream().map(QueueCommand::row).toList());
            } else if (rows.isEmpty()) {
                out.text("No records yet.");
            } else {
                out.text(String.format(
                        "%-6s %-20s %-7s %-21s %-10s %s",
                        "ID", "HANDLE", "CHANNEL", "RECEIVED", "STATUS", "ATTACHMENTS"));
                rows.forEach(r -> out.text(String.format(
                        "%-6d %-20s %-7s %-21s %-10s %d",
                        r.id(), r.handle(), r.channel().wireName(), r.received(), r.status(), r.attachments())));
                ExpiryNotice.print(out, config, store);
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Decrypt and show one record.")
    void show(
            @Mixin HomeOption homeOption,
            @Mixin AnalystKeyOptions keyOptions,
            @Parameters(paramLabel = "ID") long id,
            @Option(names = "--json") boolean json) {
        StoredRecord record = load(homeOption.config(), id);
        OpenPgp pgp = OpenPgp.create();
        RecordDocument doc;
        try (SecretKey key = keyOptions.unlock(pgp)) {
            doc = new RecordOpener(pgp).open(record.sealedRecord(), key);
        }
        Output out = new Output(System.out);
        if (json) {
            out.json(RecordView.json(id, record.summary(), doc));
        } else {
            RecordView.text(out, id, record.summary(), doc);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Set a record's status: new, triaged, investigating or closed (recorded in the audit log).")
    void status(
            @Mixin HomeOption homeOption,
            @Parameters(index = "0", paramLabel = "ID") long id,
            @Parameters(index = "1", paramLabel = "STATUS") String status) {
        if (!RecordStore.STATUSES.contains(status)) {
            throw new CliFailure.Usage("STATUS must be one of " + String.join(", ", RecordStore.STATUSES));
        }
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            AuditLog.Event event = new AuditLog.Event(
                    Actor.current(),
                    AuditLog.STATUS_CHANGED,
                    java.util.Optional.of(status),
                    id,
                    java.time.Instant.now());
            if (!store.changeStatus(id, status, event)) {
                throw new CliFailure.NotFound("no record " + id + "; `tipbridge queue list` shows the ids");
            }
        }
        new Output(System.out).text("Record " + id + " is now " + status + ".");
    }

    /** One stored record, or exit 3 saying where the ids are. */
    static StoredRecord load(TipbridgeConfig config, long id) {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.get(id)
                    .orElseThrow(() ->
                            new CliFailure.NotFound("no record " + id + "; `tipbridge queue list` shows the ids"));
        }
    }

    private static Map<String, Object> row(RecordSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("handle", r.handle());
        m.put("channel", r.channel().wireName());
        m.put("received", r.received().toString());
        m.put("status", r.status());
        m.put("attachments", r.attachments());
        return m;
    }
}
