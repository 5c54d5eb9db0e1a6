// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails a decompressing stream as soon as it yields more than the allowed number of bytes (compression bombs). */
final class DecompressionLimit extends FilterInputStream {
    private final long limit;
    private long produced;

    DecompressionLimit(InputStream decompressed, long limit) {
        super(decompressed);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) throws PgpStreamException {
        produced += n;
        if (produced > limit) {
            throw new PgpStreamException(Failures.limit("decompressed size exceeds the configured maximum"));
        }
    }
}
