// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayInputStream;
import java.util.Random;

/** Hands out its bytes in random small pieces (1 to max per read), as a slow socket would: stresses buffer edges. */
final class TrickleInputStream extends ByteArrayInputStream {
    private final Random random;
    private final int max;

    TrickleInputStream(byte[] data, long seed, int max) {
        super(data);
        this.random = new Random(seed);
        this.max = max;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
    }
}
