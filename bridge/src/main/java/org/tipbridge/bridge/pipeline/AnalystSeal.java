// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.PendingBlob;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/** Streams plaintext into blobs encrypted to every analyst certificate; the daemon cannot read them back. */
public final class AnalystSeal implements AttachmentSealer {
    private final OpenPgp pgp;
    private final Supplier<List<Certificate>> analysts;
    private final BlobStore blobs;

    public AnalystSeal(OpenPgp pgp, Supplier<List<Certificate>> analysts, BlobStore blobs) {
        this.pgp = pgp;
        this.analysts = analysts;
        this.blobs = blobs;
    }

    @Override
    public Sealing begin() throws IOException {
        List<Certificate> recipients;
        try {
            recipients = analysts.get();
        } catch (RuntimeException e) {
            throw new IOException("analyst certificates could not be read", e);
        }
        if (recipients.isEmpty()) {
            throw new IOException("no analyst certificate configured; add one with `tipbridge analysts add`");
        }
        PendingBlob pending = blobs.create();
        try {
            OutputStream encrypting = pgp.encrypt(pending.out(), EncryptOptions.to(recipients));
            return new BlobSealing(pending, encrypting);
        } catch (PgpException e) {
            pending.abandon();
            throw new IOException("cannot encrypt to the analyst certificates", e);
        }
    }

    /** Seals a small in-memory plaintext (the record document itself). */
    public BlobRef seal(byte[] plaintext) throws IOException {
        Sealing sealing = begin();
        try {
            sealing.plaintext().write(plaintext);
            return sealing.finish().blob();
        } catch (IOException | RuntimeException e) {
            sealing.abandon();
            throw e;
        }
    }

    /** Deletes a sealed blob that no record will reference (the message was a duplicate or failed). */
    public void discard(BlobRef blob) {
        blobs.delete(blob.id());
    }

    private static final class BlobSealing implements Sealing {
        private final PendingBlob pending;
        private final CountingStream plaintext;

        BlobSealing(PendingBlob pending, OutputStream encrypting) {
            this.pending = pending;
            this.plaintext = new CountingStream(encrypting);
        }

        @Override
        public OutputStream plaintext() {
            return plaintext;
        }

        @Override
        public SealedBlob finish() throws IOException {
            plaintext.close();
            return new SealedBlob(pending.finish(), plaintext.count);
        }

        @Override
        public void abandon() {
            try {
                plaintext.close();
            } catch (IOException | UncheckedIOException e) {
                // the blob is deleted below either way
            }
            pending.abandon();
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;
        private boolean closed;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }
    }
}
