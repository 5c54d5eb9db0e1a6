// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.RecordFilter;
import org.tipbridge.bridge.store.RecordPage;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge queue}: the records, newest first and filtered, one record decrypted locally
 * with its notes, and the case actions on a record (status, tags, assignment), each audited.
 */
@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = "List, read and work on tips.",
        subcommands = {ExportCommand.class, KeepCommand.class})
public final class QueueCommand {
    static final String TAG_COMMAND = "tag";

    /**
     * Lets {@code queue tag} take {@code -TAG} as an argument: picocli would otherwise read it as an
     * unknown option. That command has no short option ({@code --help} only), so none is clustered.
     */
    static void parseTagEditsAsArguments(CommandLine root) {
        root.getSubcommands()
                .get("queue")
                .getSubcommands()
                .get(TAG_COMMAND)
                .setUnmatchedOptionsArePositionalParams(true);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List records, newest first; filters combine.")
    void list(
            @Mixin HomeOption homeOption,
            @Mixin RecordFilterOptions filters,
            @Option(names = "--json", description = "Print the page as a JSON array.") boolean json) {
        RecordFilter filter = filters.filter();
        TipbridgeConfig config = homeOption.config();
        RecordPage page;
        Output out = new Output(System.out);
        try (RecordStore store = RecordStore.open(config.store())) {
            page = store.cases()
                    .list(filter)
                    .orElseThrow(() -> noRecord(filter.before().getAsLong()));
            if (json) {
                out.json(page.records().stream().map(RecordTable::json).toList());
            } else if (page.records().isEmpty()) {
                out.text(filters.filtering() || filter.before().isPresent() ? "No records match." : "No records yet.");
            } else {
                RecordTable.text(out, page);
                ExpiryNotice.print(out, config, store);
            }
        }
        page.next().ifPresent(next -> {
            String hint = "More records: `tipbridge queue list " + filters.nextPage(next) + "` shows the next page.";
            if (json) {
                System.err.println(Output.sanitise(hint));
            } else {
                out.text(hint);
            }
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Decrypt and show one record and its notes.")
    void show(
            @Mixin HomeOption homeOption,
            @Mixin AnalystKeyOptions keyOptions,
            @Parameters(paramLabel = "ID") long id,
            @Option(names = "--json") boolean json) {
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            StoredRecord record = store.get(id).orElseThrow(() -> noRecord(id));
            List<Cases.Note> sealedNotes = store.cases().notes(id);
            OpenPgp pgp = OpenPgp.create();
            RecordDocument doc;
            List<OpenedNote> notes;
            try (SecretKey key = keyOptions.unlock(pgp)) {
                doc = new RecordOpener(pgp).open(record.sealedRecord(), key);
                notes = new NoteOpener(pgp).open(sealedNotes, key);
            }
            store.cases().viewed(List.of(id), now());
            Output out = new Output(System.out);
            if (json) {
                out.json(RecordView.json(id, record.summary(), doc, notes));
            } else {
                RecordView.text(out, id, record.summary(), doc, notes);
            }
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
                    Actor.current(), AuditLog.STATUS_CHANGED, Optional.of(status), id, Instant.now());
            if (!store.changeStatus(id, status, event)) {
                throw noRecord(id);
            }
        }
        new Output(System.out).text("Record " + id + " is now " + status + ".");
    }

    @Command(
            name = TAG_COMMAND,
            description = "Add (+TAG) and remove (-TAG) a record's tags, e.g. `queue tag 12 +urgent -later`"
                    + " (recorded in the audit log).")
    void tag(
            @Mixin HomeOption homeOption,
            @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.") boolean help,
            @Parameters(index = "0", paramLabel = "ID") long id,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "+TAG|-TAG") List<String> edits) {
        QueueTags.Edits parsed = QueueTags.parse(edits);
        Cases.TagChange change;
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            change = store.cases()
                    .retag(id, parsed.add(), parsed.remove(), now())
                    .orElseThrow(() -> noRecord(id));
            List<String> tags = store.get(id).map(r -> r.summary().tags()).orElse(List.of());
            Output out = new Output(System.out);
            if (change.added().isEmpty() && change.removed().isEmpty()) {
                out.text("Record " + id + " already had those tags; nothing changed.");
            }
            out.text("Record " + id + " tags: " + (tags.isEmpty() ? "none" : String.join(", ", tags)) + ".");
        }
    }

    @Command(
            name = "assign",
            mixinStandardHelpOptions = true,
            description = "Assign a record to ANALYST, or to nobody with --none (recorded in the audit log).")
    void assign(
            @Mixin HomeOption homeOption,
            @Parameters(index = "0", paramLabel = "ID") long id,
            @Parameters(index = "1", arity = "0..1", paramLabel = "ANALYST") String analyst,
            @Option(names = "--none", description = "Assign the record to nobody.") boolean none) {
        if ((analyst == null) != none) {
            throw new CliFailure.Usage("give exactly one of ANALYST (e.g. `queue assign " + id + " alice`) and --none");
        }
        if (analyst != null && !Cases.ANALYST.matcher(analyst).matches()) {
            throw new CliFailure.Usage(QueueTags.ANALYST_RULE);
        }
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            boolean found =
                    none ? store.cases().unassign(id, now()) : store.cases().assign(id, analyst, now());
            if (!found) {
                throw noRecord(id);
            }
        }
        new Output(System.out)
                .text(
                        none
                                ? "Record " + id + " is assigned to nobody."
                                : "Record " + id + " is assigned to " + analyst + ".");
    }

    /** One stored record, or exit 3 saying where the ids are. */
    static StoredRecord load(TipbridgeConfig config, long id) {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.get(id).orElseThrow(() -> noRecord(id));
        }
    }

    static CliFailure.NotFound noRecord(long id) {
        return new CliFailure.NotFound("no record " + id + "; `tipbridge queue list` shows the ids");
    }

    /** The account running the CLI, now. */
    static Cases.Action now() {
        return new Cases.Action(Actor.current(), Instant.now());
    }
}
