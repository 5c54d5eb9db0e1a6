// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/**
 * Decrypts a small document sealed to the analysts (a reply's copy, a note) on the analyst's side:
 * the whole plaintext is read, bounded, and its integrity checked before the caller sees a byte.
 * Failures name the document ({@code noun} and id), never its content.
 */
final class SealedText {
    private final OpenPgp pgp;
    private final String noun;
    private final int maxBytes;

    SealedText(OpenPgp pgp, String noun, int maxBytes) {
        this.pgp = pgp;
        this.noun = noun;
        this.maxBytes = maxBytes;
    }

    /** The verified plaintext of document {@code id}; the caller zeroes it after use. */
    byte[] open(long id, byte[] sealed, SecretKey key) {
        byte[] bytes = new byte[0];
        boolean verified = false;
        try {
            DecryptingStream plain = pgp.decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(key, maxBytes));
            bytes = plain.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new CliFailure.Other(
                        noun + " " + id + " is larger than any " + noun + " can be; tell the operator");
            }
            plain.close();
            verified = true;
            return bytes;
        } catch (PgpException e) {
            throw cannotDecrypt(id, e);
        } catch (PgpStreamException e) {
            throw cannotDecrypt(id, e.failure());
        } catch (IOException e) {
            throw new CliFailure.Other("cannot read sealed " + noun + " " + id + " ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (!verified) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private CliFailure cannotDecrypt(long id, PgpException e) {
        if (e instanceof PgpException.CannotDecrypt) {
            return new CliFailure.CannotDecrypt(noun + " " + id + " is not encrypted to that key; use the key of an"
                    + " analyst listed by `tipbridge analysts list` when it was written");
        }
        return new CliFailure.CannotDecrypt("sealed " + noun + " " + id + " failed its integrity check ("
                + e.getClass().getSimpleName() + "); do not trust it and tell the operator");
    }
}
