// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.Channel;

/**
 * Counts one channel's rate-limited messages since start, and logs their number at most once a
 * minute (a count and the channel, nothing else). {@link #flooding()} is true while a message was
 * limited within the last {@link #RECENT}.
 */
public final class FloodCount {
    private static final Logger LOG = LoggerFactory.getLogger(FloodCount.class);
    /** How long the flood alarm stays up after the last limited message. */
    public static final Duration RECENT = Duration.ofMinutes(15);

    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private final Channel channel;
    private final String policy;
    private final Clock clock;
    private long total;
    private long unlogged;
    private Instant last;
    private Instant logged = Instant.MIN;

    public FloodCount(Channel channel, String policy, Clock clock) {
        this.channel = channel;
        this.policy = policy;
        this.clock = clock;
    }

    /** Adds {@code n} messages that went over a limit (and were quarantined or dropped). */
    public synchronized void limited(int n) {
        if (n <= 0) {
            return;
        }
        total += n;
        unlogged += n;
        last = clock.instant();
        logIfDue();
    }

    /** Logs what was not logged yet once a minute has passed (called periodically too). */
    public synchronized void logIfDue() {
        Instant now = clock.instant();
        if (unlogged > 0 && !now.isBefore(logged.plus(LOG_EVERY))) {
            LOG.warn(
                    "{} {} message(s) over the rate limit ([floods], policy {})", unlogged, channel.wireName(), policy);
            unlogged = 0;
            logged = now;
        }
    }

    public synchronized long total() {
        return total;
    }

    /** Whether a message was limited within the last {@link #RECENT}. */
    public synchronized boolean flooding() {
        return last != null && clock.instant().isBefore(last.plus(RECENT));
    }
}
