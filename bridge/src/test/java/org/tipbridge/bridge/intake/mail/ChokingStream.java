// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;

/** Test double for a mailbox connection that drops: yields the first {@code good} bytes, then fails. */
final class ChokingStream extends InputStream {
    private final byte[] bytes;
    private final int good;
    private int position;

    ChokingStream(byte[] bytes, int good) {
        this.bytes = bytes;
        this.good = good;
    }

    @Override
    public int read() throws IOException {
        if (position >= good) {
            throw new IOException("connection reset");
        }
        return bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= good) {
            throw new IOException("connection reset");
        }
        int n = Math.min(len, good - position);
        System.arraycopy(bytes, position, b, off, n);
        position += n;
        return n;
    }
}
