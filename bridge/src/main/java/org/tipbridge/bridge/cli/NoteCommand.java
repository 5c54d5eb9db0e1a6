// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge note}: adds a private analyst note to a record. Needs no secret: the note is
 * sealed to every analyst certificate, like the record, and never stored in clear; who and when
 * are kept in clear, as in the audit log.
 */
@Command(
        name = "note",
        mixinStandardHelpOptions = true,
        description = "Add a private note to record ID, sealed to the analysts; `tipbridge queue show ID` shows it.")
public final class NoteCommand implements Runnable {
    private static final AnalystText NOTE = new AnalystText("note", NoteDocument.MAX_TEXT_BYTES);

    @Mixin
    HomeOption homeOption;

    @Parameters(paramLabel = "ID", description = "The record the note is about.")
    long id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextSource source;

    @Option(names = "--json", description = "Print the stored note's id as JSON.")
    boolean json;

    /** Exactly one of {@code --message} and {@code --file}. */
    static final class TextSource {
        @Option(
                names = "--message",
                paramLabel = "TEXT",
                required = true,
                description = "The note. It ends up in the shell history and the process list: prefer --file -.")
        String message;

        @Option(
                names = "--file",
                paramLabel = "F",
                required = true,
                description = "A UTF-8 file holding the note; - reads it from standard input.")
        Path file;
    }

    @Override
    public void run() {
        String text = source.message != null ? NOTE.fromMessage(source.message) : NOTE.fromFile(source.file);
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            if (store.get(id).isEmpty()) {
                throw QueueCommand.noRecord(id);
            }
            byte[] sealed = new ReplySealer(OpenPgp.create(), config.keys())
                    .sealForAnalysts(NoteDocument.of(id, text).encode());
            OptionalLong noteId = store.cases().addNote(id, sealed, QueueCommand.now());
            print(noteId.orElseThrow(() -> QueueCommand.noRecord(id)));
        }
    }

    private void print(long noteId) {
        Output out = new Output(System.out);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", noteId);
            m.put("record", id);
            out.json(m);
        } else {
            out.text("Added note " + noteId + " to record " + id + ". `tipbridge queue show " + id
                    + " --key FILE` shows it.");
        }
    }
}
