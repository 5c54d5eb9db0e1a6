// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void burstIsTakenAtOnceThenNothingUntilRefilled() {
        TokenBucket bucket = new TokenBucket(3, 60, T0);
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isTrue();
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.tryTake(T0.plusSeconds(59))).isFalse();
        assertThat(bucket.tryTake(T0.plusSeconds(60)))
                .as("60 an hour: one a minute")
                .isTrue();
        assertThat(bucket.tryTake(T0.plusSeconds(61))).isFalse();
    }

    @Test
    void refillStopsAtTheBurstSize() {
        TokenBucket bucket = new TokenBucket(2, 3600, T0);
        bucket.tryTake(T0);
        bucket.tryTake(T0);
        Instant later = T0.plus(Duration.ofHours(5));
        assertThat(bucket.full(later)).isTrue();
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later))
                .as("five hours do not buy more than the burst")
                .isFalse();
    }

    @Test
    void aClockGoingBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 3600, T0.plusSeconds(100));
        assertThat(bucket.tryTake(T0.plusSeconds(100))).isTrue();
        assertThat(bucket.tryTake(T0)).isFalse();
        assertThat(bucket.full(T0.plusSeconds(50))).isFalse();
    }
}
