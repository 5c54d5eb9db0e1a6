// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.tipbridge.bridge.pipeline.RecordCodec;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/** Decrypts a sealed record with the analyst's key, on the analyst's side; nothing is shown before integrity is checked. */
final class RecordOpener {
    private static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;
    private final OpenPgp pgp;

    RecordOpener(OpenPgp pgp) {
        this.pgp = pgp;
    }

    RecordDocument open(byte[] sealedRecord, SecretKey key) {
        try (InputStream sealed = new ByteArrayInputStream(sealedRecord)) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(key, MAX_RECORD_BYTES));
            RecordDocument doc = new RecordCodec().decode(plain);
            plain.close();
            return doc;
        } catch (PgpException e) {
            throw cannotDecrypt(e, "record");
        } catch (PgpStreamException e) {
            throw cannotDecrypt(e.failure(), "record");
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read the sealed record (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The failure to show when a sealed {@code what} (record, copy) cannot be opened with the analyst's key. */
    static CliFailure cannotDecrypt(PgpException e, String what) {
        if (e instanceof PgpException.CannotDecrypt) {
            return new CliFailure.CannotDecrypt("this " + what + " is not encrypted to that key; use the key of an"
                    + " analyst listed by `tipbridge analysts list` when it arrived");
        }
        return new CliFailure.CannotDecrypt("the sealed " + what + " failed its integrity check ("
                + e.getClass().getSimpleName() + "); do not trust it and tell the operator");
    }
}
