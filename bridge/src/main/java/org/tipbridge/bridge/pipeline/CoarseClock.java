// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Receive times rounded down to the configured granularity, so exact arrival times are never stored. */
public final class CoarseClock {
    private final Clock clock;
    private final long granularitySeconds;

    public CoarseClock(Clock clock, Duration granularity) {
        if (granularity.getSeconds() < 1) {
            throw new IllegalArgumentException("granularity must be at least one second");
        }
        this.clock = clock;
        this.granularitySeconds = granularity.getSeconds();
    }

    public Instant now() {
        return coarsen(clock.instant());
    }

    /** The granularity times are rounded down to. */
    public Duration granularity() {
        return Duration.ofSeconds(granularitySeconds);
    }

    public Instant coarsen(Instant instant) {
        long s = instant.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, granularitySeconds));
    }
}
