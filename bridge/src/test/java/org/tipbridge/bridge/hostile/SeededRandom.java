// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A "secure" random that is not: a fixed-seed sequence, so that forged OpenPGP messages (session
 * keys, ephemeral keys, IVs) come out byte for byte the same on every run. Test data only.
 */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private transient Random sequence;

    SeededRandom(long seed) {
        sequence = new Random(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        sequence.nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int length) {
        byte[] seed = new byte[length];
        nextBytes(seed);
        return seed;
    }

    @Override
    public synchronized void setSeed(long seed) {
        // called by Random's constructor before the sequence exists; the seed is fixed at construction
    }

    @Override
    public synchronized void setSeed(byte[] seed) {
        // fixed at construction
    }
}
