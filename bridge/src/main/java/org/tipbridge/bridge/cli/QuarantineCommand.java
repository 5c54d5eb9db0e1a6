// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.RedactedCopy;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.Quarantines;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge quarantine}: messages that did not become tips: listed, their redacted copy
 * decrypted locally, released with an explicit override, or deleted (decisions 27 and 28). Every
 * action on an entry is audited ({@code record} in the audit log is then the entry's id).
 */
@Command(
        name = "quarantine",
        mixinStandardHelpOptions = true,
        description = "List, read, release and delete quarantined messages.")
public final class QuarantineCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List quarantine entries, newest first.")
    void list(
            @Mixin HomeOption homeOption,
            @Option(names = "--reason", paramLabel = "CODE", description = "Only this reason code.") String reason,
            @Option(names = "--channel", paramLabel = "email|signal", description = "Only this channel.")
                    String channel,
            @Option(names = "--limit", defaultValue = "50", description = "At most N entries (default 50).") int limit,
            @Option(names = "--json", description = "Print a JSON array.") boolean json) {
        if (limit < 1) {
            throw new CliFailure.Usage("--limit must be at least 1");
        }
        Quarantines.Filter filter = new Quarantines.Filter(
                Optional.ofNullable(reason), Optional.ofNullable(channel).map(this::channel), limit);
        List<QuarantineEntry> entries;
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            entries = store.quarantines().list(filter);
        }
        Output out = new Output(System.out);
        if (json) {
            out.json(entries.stream().map(QuarantineView::row).toList());
        } else if (entries.isEmpty()) {
            out.text(reason != null || channel != null ? "No quarantine entries match." : "The quarantine is empty.");
        } else {
            QuarantineView.table(out, entries);
            out.text("`tipbridge quarantine show ID --key FILE` shows an entry's kept copy.");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Decrypt and show an entry's redacted copy.")
    void show(
            @Mixin HomeOption homeOption,
            @Mixin AnalystKeyOptions keyOptions,
            @Parameters(paramLabel = "ID") long id,
            @Option(names = "--json") boolean json) {
        TipbridgeConfig config = homeOption.config();
        Output out = new Output(System.out);
        try (Storage storage = Storage.open(config.store(), Clock.systemUTC())) {
            Quarantines quarantines = storage.records().quarantines();
            QuarantineEntry entry = quarantines.get(id).orElseThrow(() -> noEntry(id));
            if (entry.originalBlob().isEmpty()) {
                out.text(QuarantineView.noCopy(entry));
                return;
            }
            OpenPgp pgp = OpenPgp.create();
            RedactedCopy.Copy copy;
            try (SecretKey key = keyOptions.unlock(pgp)) {
                copy = new QuarantineOpener(pgp, storage.blobs())
                        .open(entry, entry.originalBlob().get(), key);
            }
            storage.records().audit().append(event(Quarantines.VIEWED, Optional.empty(), id));
            if (json) {
                out.json(QuarantineView.json(entry, copy));
            } else {
                QuarantineView.text(out, entry, copy);
            }
        }
    }

    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            description = "Ask the daemon to run an e-mail through the pipeline again with one check lifted"
                    + " (recorded in the audit log).")
    void release(
            @Mixin HomeOption homeOption,
            @Parameters(paramLabel = "ID") long id,
            @Option(
                            names = "--override",
                            paramLabel = "CODE",
                            required = true,
                            description = "The entry's reason code: the check you lift for this message.")
                    String override) {
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            QuarantineEntry entry = store.quarantines().get(id).orElseThrow(() -> noEntry(id));
            ReleaseRefusals.refusal(entry).ifPresent(why -> {
                throw new CliFailure.Usage("entry " + id + ": " + why);
            });
            if (!entry.reasonCode().equals(override)) {
                throw new CliFailure.Usage("entry " + id + " was quarantined as " + entry.reasonCode()
                        + "; to release it, name that reason: --override " + entry.reasonCode());
            }
            AuditLog.Event event = event(Quarantines.RELEASE_REQUESTED, Optional.of(override), id);
            if (!store.quarantines().requestRelease(id, override, event)) {
                throw new CliFailure.Usage("entry " + id + " is " + entry.state()
                        + "; only a held or release-failed entry can be released");
            }
        }
        new Output(System.out)
                .text("Entry " + id + " is release-requested (override " + override + "). The daemon re-runs it"
                        + " within a minute; check with `tipbridge quarantine list`.");
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete an entry's sealed copy now; the daemon expunges the mailbox copy and the entry"
                    + " (recorded in the audit log).")
    void delete(@Mixin HomeOption homeOption, @Parameters(paramLabel = "ID") long id) {
        Quarantines.Deleted deleted;
        try (Storage storage = Storage.open(homeOption.config().store(), Clock.systemUTC())) {
            AuditLog.Event event = event(Quarantines.DELETED, Optional.empty(), id);
            deleted = storage.records().quarantines().requestDelete(id, event).orElseThrow(() -> noEntry(id));
            deleted.blob().ifPresent(storage.blobs()::delete);
        }
        new Output(System.out)
                .text(
                        deleted.removed()
                                ? "Entry " + id + " is deleted."
                                : "Entry " + id
                                        + " is delete-requested: its sealed copy is deleted; the daemon expunges the"
                                        + " mailbox copy within a minute and then removes the entry.");
    }

    private Channel channel(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("email") && !lower.equals("signal")) {
            throw new CliFailure.Usage("--channel must be email or signal");
        }
        return Channel.fromWireName(lower);
    }

    private static AuditLog.Event event(String action, Optional<String> detail, long id) {
        return new AuditLog.Event(Actor.current(), action, detail, id, Instant.now());
    }

    static CliFailure.NotFound noEntry(long id) {
        return new CliFailure.NotFound("no quarantine entry " + id + "; `tipbridge quarantine list` shows the ids");
    }
}
