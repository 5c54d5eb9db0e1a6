// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the plaintext a decrypting stream produces against the message's decryption allowance
 * (total size and compression ratio, see {@link Budget#useDecrypted}); over it, reading fails with
 * DECOMPRESSION_LIMIT. Closing does not close the decrypting stream: its owner does.
 */
final class PlaintextMeter extends GuardedInput {
    private final Budget budget;

    PlaintextMeter(InputStream plain, Budget budget) {
        super(plain);
        this.budget = budget;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            budget.useDecrypted(n);
        }
        return n;
    }
}
