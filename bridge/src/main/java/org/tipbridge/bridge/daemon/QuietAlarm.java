// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raised when a channel took no message for a configured time: the sign of an upstream that broke
 * quietly (signal-cli too old for Signal's servers, an account blocked). Logs once when it is
 * raised and once when it clears.
 */
final class QuietAlarm {
    private static final Logger LOG = LoggerFactory.getLogger(QuietAlarm.class);
    private final String channel;
    private final Duration threshold;
    private boolean raised;

    QuietAlarm(String channel, Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the quiet threshold must be positive");
        }
        this.channel = channel;
        this.threshold = threshold;
    }

    /** Whether nothing arrived between {@code since} (the last message, or the start) and {@code now}. */
    synchronized boolean check(Instant since, Instant now) {
        boolean quiet = Duration.between(since, now).compareTo(threshold) >= 0;
        if (quiet && !raised) {
            LOG.warn("no {} message arrived for {} hours: check the upstream service", channel, threshold.toHours());
        } else if (!quiet && raised) {
            LOG.info("{} messages arrive again", channel);
        }
        raised = quiet;
        return quiet;
    }
}
