// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.MutableClock;

class FloodCountTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void floodingLastsFifteenMinutesAfterTheLastLimitedMessage() {
        FloodCount count = new FloodCount(Channel.EMAIL, "quarantine", clock);
        assertThat(count.flooding()).isFalse();
        count.limited(3);
        count.limited(0);
        assertThat(count.total()).isEqualTo(3);
        assertThat(count.flooding()).isTrue();
        clock.advance(Duration.ofMinutes(14));
        count.limited(1);
        clock.advance(Duration.ofMinutes(14));
        assertThat(count.flooding()).as("14 minutes after the last one").isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(count.flooding()).isFalse();
        assertThat(count.total()).isEqualTo(4);
    }
}
