// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.tipbridge.bridge.outbox.ReplyCodec;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/**
 * Opens the analysts' copy of a reply on the analyst's side: the whole plaintext is read (bounded)
 * and its integrity checked before it is decoded, and a document written for another handle is
 * refused. The plaintext bytes are zeroed afterwards.
 */
final class ReplyOpener {
    private static final int MAX_PLAINTEXT_BYTES = Math.toIntExact(ReplyDocument.MAX_SEALED_PLAINTEXT_BYTES);

    private final SealedText sealedText;
    private final ReplyCodec codec = new ReplyCodec();

    ReplyOpener(OpenPgp pgp) {
        this.sealedText = new SealedText(pgp, "reply", MAX_PLAINTEXT_BYTES);
    }

    /** The text of reply {@code id}, which must have been written to {@code handle}. */
    String open(long id, byte[] sealed, SecretKey key, String handle) {
        byte[] plaintext = sealedText.open(id, sealed, key);
        try {
            ReplyDocument doc = codec.decode(new ByteArrayInputStream(plaintext));
            if (!doc.handle().equals(handle)) {
                throw new CliFailure.Other("reply " + id + " was written to another conversation; do not trust"
                        + " this outbox entry and tell the operator");
            }
            return doc.text();
        } catch (IOException e) {
            throw new CliFailure.Other("reply " + id + " is not a reply document after decryption; tell the operator");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
