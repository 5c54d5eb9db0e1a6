// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Deciphers a CFB stream 64 KiB at a time into a reused buffer ({@link CfbDecipher}). Bouncy
 * Castle's JCA cipher stream works in 512-byte steps and allocates an array for each.
 */
final class BulkCipherInputStream extends InputStream {
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final CfbDecipher decipher;
    private final byte[] input = new byte[CHUNK];
    private final byte[] output = new byte[CHUNK];
    private int carried; // ciphertext bytes of an incomplete block, at the start of input
    private int position;
    private int limit;
    private boolean finished;

    BulkCipherInputStream(InputStream in, CfbDecipher decipher) {
        this.in = in;
        this.decipher = decipher;
    }

    @Override
    public int read() throws IOException {
        while (position == limit) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        return output[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(output, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        in.close(); // the packet body, never the caller's stream
    }

    private void nextChunk() throws IOException {
        int n = in.read(input, carried, input.length - carried);
        position = 0;
        try {
            if (n < 0) {
                finished = true;
                decipher.finish(input, carried, output);
                limit = carried;
                return;
            }
            int total = carried + n;
            int whole = total - total % decipher.blockSize();
            decipher.update(input, whole, output);
            limit = whole;
            carried = total - whole;
            System.arraycopy(input, whole, input, 0, carried);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decipher the message", e);
        }
    }
}
