// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.PendingBlob;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/** Streams plaintext into blobs encrypted to every analyst certificate; the daemon cannot read them back. */
public final class AnalystSeal implements AttachmentSealer {
    private static final Logger LOG = LoggerFactory.getLogger(AnalystSeal.class);
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
        List<Certificate> recipients = recipients();
        PendingBlob pending;
        try {
            pending = blobs.create();
        } catch (StoreException e) {
            throw new IOException("no blob could be created", e);
        }
        try {
            OutputStream encrypting = pgp.encrypt(pending.out(), EncryptOptions.to(recipients));
            return new BlobSealing(pending, encrypting);
        } catch (PgpException e) {
            pending.abandon();
            throw new IOException("cannot encrypt to the analyst certificates", e);
        }
    }

    /** The analyst certificates that can still receive encrypted data (an expired one is skipped). */
    private List<Certificate> recipients() throws IOException {
        List<Certificate> all;
        try {
            all = analysts.get();
        } catch (RuntimeException e) {
            throw new IOException("analyst certificates could not be read", e);
        }
        List<Certificate> usable = all.stream().filter(Certificate::canEncrypt).toList();
        if (usable.size() < all.size()) {
            LOG.warn(
                    "{} analyst certificate(s) can no longer receive encrypted data and are skipped",
                    all.size() - usable.size());
        }
        if (usable.isEmpty()) {
            throw new IOException("no usable analyst certificate; add one with `tipbridge analysts add`");
        }
        return usable;
    }

    /** Seals a small in-memory plaintext (the record document itself) into memory. */
    public byte[] seal(byte[] plaintext) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(plaintext.length + 1024);
        try (OutputStream out = pgp.encrypt(sealed, EncryptOptions.to(recipients()))) {
            out.write(plaintext);
        } catch (PgpException e) {
            throw new IOException("cannot encrypt to the analyst certificates", e);
        }
        return sealed.toByteArray();
    }

    /** Deletes a sealed blob that no record will reference (the message was a duplicate or failed). */
    public void discard(BlobRef blob) {
        try {
            blobs.delete(blob.id());
        } catch (StoreException e) {
            LOG.warn("an unused sealed blob could not be deleted; the start-up sweep removes it", e);
        }
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
            try {
                return new SealedBlob(pending.finish(), plaintext.count);
            } catch (StoreException e) {
                throw new IOException("the sealed blob could not be written", e);
            }
        }

        @Override
        public void abandon() {
            try {
                plaintext.close();
            } catch (IOException | UncheckedIOException e) {
                // the blob is deleted below either way
            }
            try {
                pending.abandon();
            } catch (StoreException e) {
                LOG.warn("an abandoned blob could not be deleted; the start-up sweep removes it", e);
            }
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
