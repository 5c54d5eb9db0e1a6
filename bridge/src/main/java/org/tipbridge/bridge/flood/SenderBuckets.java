// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bucket per sender, keyed by an HMAC of the sender (never the identifier itself), held in
 * memory only. Bounded: buckets that are full again are dropped (a new bucket is the same), and past
 * {@code maxSenders} the least recently used one goes, so random sender addresses cannot exhaust
 * memory. Not thread-safe.
 */
final class SenderBuckets {
    /** How many takes between two sweeps for full buckets. */
    private static final int SWEEP_EVERY = 4096;

    private final int burst;
    private final int perHour;
    private final Map<ByteBuffer, TokenBucket> buckets;
    private int sinceSweep;

    SenderBuckets(int burst, int perHour, int maxSenders) {
        this.burst = burst;
        this.perHour = perHour;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, TokenBucket> eldest) {
                return size() > maxSenders;
            }
        };
    }

    /** Takes a token from the bucket of the sender whose keyed hash is {@code senderKey}. */
    boolean tryTake(byte[] senderKey, Instant now) {
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(ByteBuffer.wrap(senderKey.clone()), k -> new TokenBucket(burst, perHour, now))
                .tryTake(now);
    }

    int size() {
        return buckets.size();
    }
}
