// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/**
 * Decrypts sealed blobs with the analyst's key into files on the analyst's side, streaming. A file
 * whose integrity check fails is deleted again, so nothing unverified is left behind.
 */
final class BlobExporter {
    private static final long MAX_BLOB_BYTES = 16L << 30;
    private static final int CHUNK = 64 * 1024;
    private final OpenPgp pgp;
    private final BlobStore blobs;
    private final SecretKey key;
    private final Progress progress;

    BlobExporter(OpenPgp pgp, BlobStore blobs, SecretKey key, Progress progress) {
        this.pgp = pgp;
        this.blobs = blobs;
        this.key = key;
        this.progress = progress;
    }

    /** Decrypts blob {@code id} into the new file {@code target}; returns the bytes written. */
    long export(String id, Path target) {
        long written = 0;
        try (InputStream sealed = blobs.open(id);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(key, MAX_BLOB_BYTES));
            byte[] buffer = new byte[CHUNK];
            for (int n = plain.read(buffer); n >= 0; n = plain.read(buffer)) {
                out.write(buffer, 0, n);
                written += n;
                progress.bytes(n);
            }
            plain.close();
            return written;
        } catch (StoreException.BlobNotFound e) {
            deleteQuietly(target);
            throw new CliFailure.NotFound(
                    "a sealed attachment of this record is missing from the store; tell the operator");
        } catch (PgpException | PgpStreamException e) {
            deleteQuietly(target);
            throw new CliFailure.CannotDecrypt("an attachment is not encrypted to that key or failed its integrity"
                    + " check; nothing of it was kept");
        } catch (IOException e) {
            deleteQuietly(target);
            throw new CliFailure.Other(
                    "cannot write the export (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** Decrypts a small blob into memory. */
    byte[] read(String id, int max) {
        try (InputStream sealed = blobs.open(id)) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(key, max));
            byte[] bytes = plain.readNBytes(max);
            plain.close();
            return bytes;
        } catch (StoreException.BlobNotFound e) {
            throw new CliFailure.NotFound("a sealed part of this record is missing from the store; tell the operator");
        } catch (PgpException | IOException e) {
            throw new CliFailure.CannotDecrypt("a sealed part of this record could not be opened with that key");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the caller reports the first failure
        }
    }

    /** Where an export reports its progress. */
    interface Progress {
        void bytes(long n);

        Progress NONE = n -> {};
    }
}
