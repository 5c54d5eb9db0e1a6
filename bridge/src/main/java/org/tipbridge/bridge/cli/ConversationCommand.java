// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.cli.ConversationThread.AcknowledgementItem;
import org.tipbridge.bridge.cli.ConversationThread.Item;
import org.tipbridge.bridge.cli.ConversationThread.ReplyItem;
import org.tipbridge.bridge.cli.ConversationThread.TipItem;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge conversation}: every tip of a handle with the replies and acknowledgements sent
 * to it, decrypted locally with the analyst's key. Nothing is shown unless every item opened.
 */
@Command(
        name = "conversation",
        mixinStandardHelpOptions = true,
        description = "Show the tips of HANDLE with the replies and acknowledgements, decrypted with your key.")
public final class ConversationCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Mixin
    AnalystKeyOptions keyOptions;

    @Parameters(paramLabel = "HANDLE", description = "The conversation to show, e.g. amber-otter-7K4QX.")
    String handle;

    @Option(names = "--json", description = "Print the conversation as JSON.")
    boolean json;

    /** What the store holds for the handle, still sealed. */
    private record Sealed(
            List<StoredRecord> records,
            Map<Long, List<Cases.Note>> notes,
            List<OutboxItem> outgoing,
            boolean expired) {}

    @Override
    public void run() {
        Sealed sealed = read();
        if (sealed.records().isEmpty() && sealed.outgoing().isEmpty()) {
            throw HandleArgument.noConversation(handle);
        }
        OpenPgp pgp = OpenPgp.create();
        ConversationThread thread;
        try (SecretKey key = keyOptions.unlock(pgp)) {
            thread = ConversationThread.of(handle, tips(pgp, key, sealed), outgoing(pgp, key, sealed));
        }
        audit(sealed);
        Output out = new Output(System.out);
        if (json) {
            Map<String, Object> view = ConversationView.json(thread);
            view.put("expired", sealed.expired());
            out.json(view);
        } else {
            ConversationView.text(out, thread);
            if (sealed.expired()) {
                out.text(HandleArgument.EXPIRED);
            }
        }
    }

    private Sealed read() {
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            List<StoredRecord> records = new ArrayList<>();
            Map<Long, List<Cases.Note>> notes = new HashMap<>();
            for (RecordSummary summary : store.listByHandle(handle)) {
                store.get(summary.id()).ifPresent(records::add);
                notes.put(summary.id(), store.cases().notes(summary.id()));
            }
            boolean expired = !records.isEmpty() && store.findByHandle(handle).isEmpty();
            return new Sealed(records, notes, store.outbox().conversation(handle), expired);
        }
    }

    /** One "viewed" event per record shown. */
    private void audit(Sealed sealed) {
        if (sealed.records().isEmpty()) {
            return;
        }
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            store.cases()
                    .viewed(sealed.records().stream().map(r -> r.summary().id()).toList(), QueueCommand.now());
        }
    }

    private List<TipItem> tips(OpenPgp pgp, SecretKey key, Sealed sealed) {
        RecordOpener opener = new RecordOpener(pgp);
        NoteOpener notes = new NoteOpener(pgp);
        List<TipItem> tips = new ArrayList<>();
        for (StoredRecord record : sealed.records()) {
            long id = record.summary().id();
            RecordDocument doc;
            try {
                doc = opener.open(record.sealedRecord(), key);
            } catch (CliFailure.CannotDecrypt e) {
                throw new CliFailure.CannotDecrypt("record " + id + ": " + e.getMessage());
            }
            if (!handle.equals(doc.handle())) {
                throw new CliFailure.Other("record " + id + " was sealed for another conversation; do not trust"
                        + " this record and tell the operator");
            }
            tips.add(new TipItem(
                    record.summary(), doc, notes.open(sealed.notes().getOrDefault(id, List.of()), key)));
        }
        return tips;
    }

    private List<Item> outgoing(OpenPgp pgp, SecretKey key, Sealed sealed) {
        ReplyOpener opener = new ReplyOpener(pgp);
        List<Item> items = new ArrayList<>();
        for (OutboxItem item : sealed.outgoing()) {
            if (item.entry().kind() == OutboxKind.ACKNOWLEDGEMENT) {
                items.add(new AcknowledgementItem(item.entry()));
            } else {
                Optional<String> text =
                        item.sealedText().map(s -> opener.open(item.entry().id(), s, key, handle));
                items.add(new ReplyItem(item.entry(), text));
            }
        }
        return items;
    }
}
