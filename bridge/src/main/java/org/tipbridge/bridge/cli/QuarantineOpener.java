// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.tipbridge.bridge.pipeline.RedactedCopy;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/**
 * Decrypts a quarantine entry's sealed copy with the analyst's key, on the analyst's side: an
 * e-mail's redacted copy, or a Signal line's redacted bytes (shown as the body, no headers).
 */
final class QuarantineOpener {
    private static final long MAX_COPY_BYTES = 2L * RedactedCopy.READ_MAX;
    private final OpenPgp pgp;
    private final BlobStore blobs;

    QuarantineOpener(OpenPgp pgp, BlobStore blobs) {
        this.pgp = pgp;
        this.blobs = blobs;
    }

    RedactedCopy.Copy open(QuarantineEntry entry, String blob, SecretKey key) {
        try (InputStream sealed = blobs.open(blob)) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(key, MAX_COPY_BYTES));
            RedactedCopy.Copy copy = entry.channel() == Channel.EMAIL
                    ? RedactedCopy.read(plain)
                    : new RedactedCopy.Copy(List.of(), plain.readNBytes(RedactedCopy.BODY_MAX), false, 0);
            plain.close();
            return copy;
        } catch (StoreException.BlobNotFound e) {
            throw new CliFailure.NotFound(
                    "the sealed copy of entry " + entry.id() + " is missing from the store; tell the operator");
        } catch (PgpException e) {
            throw RecordOpener.cannotDecrypt(e, "copy");
        } catch (PgpStreamException e) {
            throw RecordOpener.cannotDecrypt(e.failure(), "copy");
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read the sealed copy (" + e.getClass().getSimpleName() + ")");
        }
    }
}
