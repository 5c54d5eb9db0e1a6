// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/**
 * Opens analysts' notes on the analyst's side: integrity checked before decoding, and a note
 * sealed for another record refused. The plaintext bytes are zeroed afterwards.
 */
final class NoteOpener {
    private final SealedText sealedText;

    NoteOpener(OpenPgp pgp) {
        this.sealedText = new SealedText(pgp, "note", NoteDocument.MAX_SEALED_PLAINTEXT_BYTES);
    }

    /** The notes of one record, opened, in the order given. */
    List<OpenedNote> open(List<Cases.Note> notes, SecretKey key) {
        List<OpenedNote> out = new ArrayList<>(notes.size());
        for (Cases.Note note : notes) {
            out.add(new OpenedNote(note.id(), note.at(), note.actor(), text(note, key)));
        }
        return out;
    }

    private String text(Cases.Note note, SecretKey key) {
        byte[] plaintext = sealedText.open(note.id(), note.sealedNote(), key);
        try {
            NoteDocument doc = NoteDocument.decode(plaintext);
            if (doc.recordId() != note.recordId()) {
                throw new CliFailure.Other("note " + note.id() + " was written about another record; do not trust"
                        + " it and tell the operator");
            }
            return doc.text();
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "note " + note.id() + " is not a note document after decryption; tell the operator");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
