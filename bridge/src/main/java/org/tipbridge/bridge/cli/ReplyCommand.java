// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge reply}: queues a reply to the sender behind a handle. Needs no secret: the text
 * is sealed to the bridge key (for sending) and to the analysts (for the conversation view), and
 * never stored in clear; the daemon's outbox sends it.
 */
@Command(
        name = "reply",
        mixinStandardHelpOptions = true,
        description = "Queue a reply to the sender of HANDLE; `tipbridge outbox list` shows when it leaves.")
public final class ReplyCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Parameters(paramLabel = "HANDLE", description = "The conversation to answer, e.g. amber-otter-7K4QX.")
    String handle;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextSource source;

    @Option(
            names = "--allow-plaintext",
            description = "If no usable key of the source is known, send it unencrypted instead of waiting for a"
                    + " decision.")
    boolean allowPlaintext;

    @Option(names = "--json", description = "Print the queued entry as JSON.")
    boolean json;

    /** Exactly one of {@code --message} and {@code --file}. */
    static final class TextSource {
        @Option(
                names = "--message",
                paramLabel = "TEXT",
                required = true,
                description = "The reply text. It ends up in the shell history and, while this runs, in the process"
                        + " list, where others on the machine can read it: prefer --file -.")
        String message;

        @Option(
                names = "--file",
                paramLabel = "F",
                required = true,
                description = "A UTF-8 file holding the reply; - reads it from standard input"
                        + " (e.g. --file - < reply.txt, or type it and end with Ctrl-D).")
        Path file;
    }

    @Override
    public void run() {
        String text = source.message != null ? ReplyText.fromMessage(source.message) : ReplyText.fromFile(source.file);
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            Channel channel = channelOf(store);
            ReplySealer.Sealed sealed =
                    new ReplySealer(OpenPgp.create(), config.keys()).seal(ReplyDocument.of(handle, text));
            long id = store.outbox()
                    .queueReply(new NewReply(
                            handle,
                            channel,
                            sealed.forBridge(),
                            sealed.forAnalysts(),
                            allowPlaintext,
                            OutboxView.coarseNow(config.intake())));
            ConversationAudit.record(store, handle, Cases.REPLY_QUEUED, Optional.of(String.valueOf(id)));
            print(id, channel);
        }
    }

    /** The channel of the handle's newest record; a handle without a mapping or a record has no conversation. */
    private Channel channelOf(RecordStore store) {
        List<RecordSummary> records = store.listByHandle(handle);
        if (store.findByHandle(handle).isEmpty()) {
            throw records.isEmpty() ? HandleArgument.noConversation(handle) : HandleArgument.expired();
        }
        if (records.isEmpty()) {
            throw HandleArgument.noConversation(handle);
        }
        return records.get(records.size() - 1).channel();
    }

    private void print(long id, Channel channel) {
        Output out = new Output(System.out);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("handle", handle);
            m.put("channel", channel.wireName());
            m.put("status", OutboxStatus.QUEUED.wireName());
            out.json(m);
        } else {
            out.text("Queued reply " + id + " to " + handle + ". `tipbridge outbox list` shows when it leaves.");
        }
    }
}
