// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Passes a stream through while keeping a copy of what was read in canonical form (every line
 * ending CRLF), up to a limit; past the limit the copy is dropped and only the pass-through goes on.
 */
final class CanonicalCapture extends FilterInputStream {
    private final long limit;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean overflowed;
    private int previous = -1;

    CanonicalCapture(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = off; i < off + n && !overflowed; i++) {
            keep(b[i] & 0xff);
        }
        return n;
    }

    private void keep(int c) {
        if (c == '\n' && previous != '\r') {
            copy.write('\r');
        }
        copy.write(c);
        previous = c;
        if (copy.size() > limit) {
            overflowed = true;
            copy = new ByteArrayOutputStream();
        }
    }

    @Override
    public long skip(long n) throws IOException {
        return Streams.discard(this, n);
    }

    /** Does not close the wrapped stream: the owner of the wrapped stream closes it. */
    @Override
    public void close() {}

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The canonical copy, or empty when the stream was longer than the limit. */
    Optional<byte[]> captured() {
        return overflowed ? Optional.empty() : Optional.of(copy.toByteArray());
    }
}
