// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling waits and small inline envelopes for the signal tests. */
final class Eventually {
    private Eventually() {}

    /** Waits until the condition holds; fails the test after {@code limit}. */
    static void until(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** A small manual-mode {@code result} object: a 1:1 data message numbered {@code n}. */
    static byte[] envelope(int n) {
        return envelope(n, 0);
    }

    /** Like {@link #envelope(int)}, with {@code padding} more characters of message text. */
    static byte[] envelope(int n, int padding) {
        return ("{\"envelope\":{\"sourceUuid\":\"0b5e7c1d-0000-4000-8000-000000000001\",\"timestamp\":" + n
                        + ",\"dataMessage\":{\"message\":\"m" + n + "x".repeat(padding)
                        + "\"}},\"account\":\"+15550000000\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
