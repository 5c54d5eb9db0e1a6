// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that looks at every byte read through it ({@link #read(byte[], int, int)} is the one
 * path; single-byte reads and skips go through it too), does not support mark, and does not close
 * the wrapped stream: its owner does.
 */
abstract class GuardedInput extends FilterInputStream {

    GuardedInput(InputStream in) {
        super(in);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final long skip(long n) throws IOException {
        return Streams.discard(this, n);
    }

    @Override
    public final void close() {}

    @Override
    public final boolean markSupported() {
        return false;
    }
}
