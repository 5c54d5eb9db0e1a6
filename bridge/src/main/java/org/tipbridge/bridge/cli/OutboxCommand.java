// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.tipbridge.bridge.cli.OutboxView.noun;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge outbox}: replies and acknowledgements waiting to leave, and what became of
 * them; an analyst cancels one that has not left and is not leaving right now, or sends one again
 * that failed or waits for a decision. Shows no text and no address: the store holds neither in
 * clear. Changes are timed like tips, to {@code [intake] time_granularity}.
 */
@Command(
        name = "outbox",
        mixinStandardHelpOptions = true,
        description = "List, cancel and retry outgoing replies and acknowledgements.")
public final class OutboxCommand {
    /** What an analyst may still drop: everything that has not left and is not being handed over. */
    private static final Set<OutboxStatus> CANCELLABLE =
            EnumSet.of(OutboxStatus.QUEUED, OutboxStatus.NEEDS_DECISION, OutboxStatus.FAILED);

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List replies and acknowledgements, newest first, and what to do about waiting ones.")
    void list(
            @Mixin HomeOption homeOption,
            @Option(names = "--json") boolean json,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit) {
        if (limit < 1) {
            throw new CliFailure.Usage("--limit must be at least 1");
        }
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            List<OutboxEntry> entries = store.outbox().list(limit);
            Output out = new Output(System.out);
            if (json) {
                out.json(entries.stream().map(OutboxView::json).toList());
                return;
            }
            if (entries.isEmpty()) {
                out.text("The outbox is empty.");
            } else {
                OutboxView.table(out, entries);
            }
            if (!config.outbound().configured() && !config.mailbox().embedded()) {
                out.text("");
                out.text("Nothing can leave: [outbound] smtp_host is not set in tipbridge.toml."
                        + " Ask the operator to set it (docs/operator.md, section 10).");
            }
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Drop a reply or acknowledgement that is queued, waits for a decision, or failed;"
                    + " its copy sealed to the bridge key is deleted.")
    void cancel(@Mixin HomeOption homeOption, @Parameters(paramLabel = "ID") long id) {
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            Outbox outbox = store.outbox();
            OutboxEntry entry = existing(outbox, id);
            if (!CANCELLABLE.contains(entry.status()) || !outbox.cancel(id, OutboxView.coarseNow(config.intake()))) {
                throw notCancellable(existing(outbox, id));
            }
            ConversationAudit.record(store, entry.handle(), Cases.OUTBOX_CANCELLED, Optional.of(String.valueOf(id)));
            new Output(System.out).text("Cancelled " + noun(entry.kind()) + " " + id + ".");
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = "Queue again a reply or acknowledgement that failed or waits for a decision.")
    void retry(
            @Mixin HomeOption homeOption,
            @Parameters(paramLabel = "ID") long id,
            @Option(
                            names = "--allow-plaintext",
                            description = "If no usable key of the source is known (none, or only an expired or revoked"
                                    + " one), let it leave unencrypted.")
                    boolean allowPlaintext) {
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            Outbox outbox = store.outbox();
            OutboxEntry entry = existing(outbox, id);
            boolean retriable = entry.status() == OutboxStatus.NEEDS_DECISION || entry.status() == OutboxStatus.FAILED;
            if (!retriable || !outbox.retry(id, allowPlaintext, OutboxView.coarseNow(config.intake()))) {
                throw notRetriable(existing(outbox, id));
            }
            ConversationAudit.record(store, entry.handle(), Cases.OUTBOX_RETRIED, Optional.of(String.valueOf(id)));
            String how = allowPlaintext ? "; if no key of the source is known, it leaves unencrypted." : ".";
            new Output(System.out)
                    .text("Queued " + noun(entry.kind()) + " " + id + " again" + how
                            + " `tipbridge outbox list` shows when it leaves.");
        }
    }

    private static OutboxEntry existing(Outbox outbox, long id) {
        return outbox.get(id)
                .orElseThrow(() -> new CliFailure.NotFound(
                        "no reply or acknowledgement " + id + "; `tipbridge outbox list` shows the ids"));
    }

    private static CliFailure notCancellable(OutboxEntry e) {
        String next = switch (e.status()) {
            case SENDING -> "it is being handed to the mail server; `tipbridge outbox list` shows the outcome";
            case SENT -> "it has left";
            default -> "nothing more to do";
        };
        return new CliFailure.Other(noun(e.kind()) + " " + e.id() + " is "
                + e.status().wireName() + " and can no longer be cancelled; " + next);
    }

    private static CliFailure notRetriable(OutboxEntry e) {
        String which = noun(e.kind()) + " " + e.id();
        String why = switch (e.status()) {
            case QUEUED -> " is already queued; `tipbridge outbox list` shows when it leaves";
            case SENDING -> " is being sent right now; `tipbridge outbox list` shows the outcome";
            case SENT -> " is sent; there is nothing to retry";
            default ->
                " is " + e.status().wireName() + " and cannot be retried; write a new reply with" + " `tipbridge reply "
                        + e.handle() + "` if one is still needed";
        };
        return new CliFailure.Other(which + why);
    }
}
