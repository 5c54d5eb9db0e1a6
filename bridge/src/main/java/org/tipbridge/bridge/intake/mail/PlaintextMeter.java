// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the plaintext a decrypting stream produces against the message's decryption allowance
 * (total size and compression ratio, see {@link Budget#useDecrypted}); over it, reading fails with
 * DECOMPRESSION_LIMIT. Closing does not close the decrypting stream: its owner does.
 */
final class PlaintextMeter extends FilterInputStream {
    private final Budget budget;

    PlaintextMeter(InputStream plain, Budget budget) {
        super(plain);
        this.budget = budget;
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
        if (n > 0) {
            budget.useDecrypted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Streams.discard(this, n);
    }

    @Override
    public void close() {}

    @Override
    public boolean markSupported() {
        return false;
    }
}
