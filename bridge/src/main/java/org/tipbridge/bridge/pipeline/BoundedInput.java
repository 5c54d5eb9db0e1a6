// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code max} bytes of a stream, then ends; {@link #exceeded()} tells whether more was there. */
final class BoundedInput extends FilterInputStream {
    private long left;
    private boolean exceeded;

    BoundedInput(InputStream in, long max) {
        super(in);
        this.left = max;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return probe();
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (left <= 0) {
            return probe();
        }
        int n = super.read(buffer, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    /** At the limit: notes whether one more byte exists, and ends the stream either way. */
    private int probe() throws IOException {
        if (!exceeded && in.read() >= 0) {
            exceeded = true;
        }
        return -1;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public void close() {
        // the caller owns the underlying stream
    }

    boolean exceeded() {
        return exceeded;
    }
}
