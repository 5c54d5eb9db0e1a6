// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One database blob being written: bytes collect in a buffer of one chunk, and each full chunk is
 * stored in a short transaction of its own; {@link #finish()} stores the rest and marks the blob
 * finished. Closing {@link #out()} does nothing (OpenPGP writers close it before the blob is done).
 */
final class DatabasePendingBlob implements PendingBlob {

    private final BlobChunks chunks;
    private final Runnable onDone;
    private final byte[] buffer = new byte[DatabaseBlobStore.CHUNK_BYTES];
    private final OutputStream out = new ChunkOutput();
    private int filled;
    private int seq;
    private long size;
    private boolean finished;
    private boolean done;

    DatabasePendingBlob(BlobChunks chunks, Runnable onDone) {
        this.chunks = chunks;
        this.onDone = onDone;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public BlobRef finish() {
        if (done) {
            throw new IllegalStateException("blob already finished or abandoned");
        }
        try {
            storeBuffer();
            if (!chunks.finish(size)) {
                throw new StoreException("cannot finish a blob: it was deleted while being written");
            }
            finished = true;
            end();
            return new BlobRef(chunks.id(), size);
        } catch (StoreException e) {
            abandon();
            throw e;
        }
    }

    @Override
    public void abandon() {
        try {
            chunks.deleteAll();
        } finally {
            end();
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }

    private void storeBuffer() {
        if (filled > 0) {
            chunks.append(seq++, buffer, filled);
            filled = 0;
        }
    }

    private void end() {
        if (!done) {
            done = true;
            onDone.run();
        }
    }

    /** Fills the buffer and stores it whenever it is full; flush and close leave a partial chunk for later. */
    private final class ChunkOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new IOException("blob already finished or abandoned");
            }
            try {
                while (len > 0) {
                    int n = Math.min(len, buffer.length - filled);
                    System.arraycopy(b, off, buffer, filled, n);
                    filled += n;
                    size += n;
                    off += n;
                    len -= n;
                    if (filled == buffer.length) {
                        storeBuffer();
                    }
                }
            } catch (StoreException e) {
                throw new IOException("cannot write a blob", e);
            }
        }
    }
}
