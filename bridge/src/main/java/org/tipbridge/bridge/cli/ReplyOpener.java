// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.tipbridge.bridge.outbox.ReplyCodec;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/**
 * Opens the analysts' copy of a reply on the analyst's side: the whole plaintext is read (bounded)
 * and its integrity checked before it is decoded, and a document written for another handle is
 * refused. The plaintext bytes are zeroed afterwards.
 */
final class ReplyOpener {
    private static final int MAX_PLAINTEXT_BYTES = Math.toIntExact(ReplyDocument.MAX_SEALED_PLAINTEXT_BYTES);

    private final OpenPgp pgp;
    private final ReplyCodec codec = new ReplyCodec();

    ReplyOpener(OpenPgp pgp) {
        this.pgp = pgp;
    }

    /** The text of reply {@code id}, which must have been written to {@code handle}. */
    String open(long id, byte[] sealed, SecretKey key, String handle) {
        byte[] plaintext = readVerified(id, sealed, key);
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

    private byte[] readVerified(long id, byte[] sealed, SecretKey key) {
        byte[] bytes = new byte[0];
        boolean verified = false;
        try {
            DecryptingStream plain =
                    pgp.decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(key, MAX_PLAINTEXT_BYTES));
            bytes = plain.readNBytes(MAX_PLAINTEXT_BYTES + 1);
            if (bytes.length > MAX_PLAINTEXT_BYTES) {
                throw new CliFailure.Other("reply " + id + " is larger than any reply can be; tell the operator");
            }
            plain.close();
            verified = true;
            return bytes;
        } catch (PgpException e) {
            throw cannotDecrypt(id, e);
        } catch (PgpStreamException e) {
            throw cannotDecrypt(id, e.failure());
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read sealed reply " + id + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (!verified) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static CliFailure cannotDecrypt(long id, PgpException e) {
        if (e instanceof PgpException.CannotDecrypt) {
            return new CliFailure.CannotDecrypt("reply " + id + " is not encrypted to that key; use the key of an"
                    + " analyst listed by `tipbridge analysts list` when it was written");
        }
        return new CliFailure.CannotDecrypt("sealed reply " + id + " failed its integrity check ("
                + e.getClass().getSimpleName() + "); do not trust it and tell the operator");
    }
}
