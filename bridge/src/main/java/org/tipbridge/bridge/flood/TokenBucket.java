// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds at most {@code burst} tokens, starts full and gains {@code perHour} tokens an
 * hour; each message takes one. Pure: the caller passes the time. Not thread-safe.
 */
final class TokenBucket {
    private static final double NANOS_PER_HOUR = Duration.ofHours(1).toNanos();
    private final double burst;
    private final double perNano;
    private double tokens;
    private Instant updated;

    TokenBucket(int burst, int perHour, Instant now) {
        if (burst < 1 || perHour < 1) {
            throw new IllegalArgumentException("a bucket needs at least one token and a positive rate");
        }
        this.burst = burst;
        this.perNano = perHour / NANOS_PER_HOUR;
        this.tokens = burst;
        this.updated = now;
    }

    /** Takes one token if there is one; false leaves the bucket as it was. */
    boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Whether a token could be taken now (takes none). */
    boolean hasToken(Instant now) {
        refill(now);
        return tokens >= 1;
    }

    /** Whether the bucket is full again at {@code now} (then it is no different from a new one). */
    boolean full(Instant now) {
        refill(now);
        return tokens >= burst;
    }

    private void refill(Instant now) {
        if (now.isAfter(updated)) {
            double gained = Duration.between(updated, now).toNanos() * perNano;
            tokens = Math.min(burst, tokens + gained);
            updated = now;
        }
    }
}
