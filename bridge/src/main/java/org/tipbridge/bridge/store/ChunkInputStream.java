// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a finished database blob one chunk at a time: at most one chunk is held in memory. A blob
 * whose chunks end before its recorded size (deleted while being read) is an error, never a
 * silently shorter stream.
 */
final class ChunkInputStream extends InputStream {

    private final BlobChunks chunks;
    private byte[] current = new byte[0];
    private int position;
    private int nextSeq;
    private boolean ended;
    private final long size;
    private long delivered;

    ChunkInputStream(BlobChunks chunks, long size) {
        this.chunks = chunks;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended || !advance()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        delivered += n;
        return n;
    }

    private boolean advance() throws IOException {
        try {
            Optional<byte[]> next = chunks.chunk(nextSeq);
            if (next.isEmpty()) {
                if (delivered != size) {
                    throw new IOException("a blob ended before its recorded size (deleted while being read?)");
                }
                ended = true;
                return false;
            }
            current = next.get();
            position = 0;
            nextSeq++;
            return true;
        } catch (StoreException e) {
            throw new IOException("cannot read a blob", e);
        }
    }
}
