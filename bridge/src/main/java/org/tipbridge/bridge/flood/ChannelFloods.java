// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.conf.FloodsConfig;

/**
 * The flood protection of one channel: its rate limits (sender buckets keyed by an in-memory HMAC
 * of the normalised sender), the policy for messages over them, and their count.
 */
public final class ChannelFloods {
    private final Channel channel;
    private final MappingSecrets secrets;
    private final RateLimiter limiter;
    private final FloodsConfig.Policy policy;
    private final FloodCount count;

    public ChannelFloods(Channel channel, FloodsConfig config, MappingSecrets secrets, Clock clock) {
        this.channel = channel;
        this.secrets = secrets;
        this.limiter = new RateLimiter(config, clock);
        this.policy = config.policy();
        this.count = new FloodCount(channel, config.policy().name().toLowerCase(Locale.ROOT), clock);
    }

    /**
     * Whether a message from {@code normalisedSender} (empty: none usable) may go on; false means it
     * is over a limit and must be quarantined or dropped per {@link #policy()}, then {@link
     * #count()}ed.
     */
    public boolean admit(Optional<String> normalisedSender) {
        return limiter.admit(normalisedSender.map(s -> secrets.floodKey(channel, s)));
    }

    public FloodsConfig.Policy policy() {
        return policy;
    }

    public FloodCount count() {
        return count;
    }
}
