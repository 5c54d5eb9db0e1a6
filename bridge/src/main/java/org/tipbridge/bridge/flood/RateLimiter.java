// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import java.util.Optional;
import org.tipbridge.conf.FloodsConfig;

/**
 * The rate limits of one channel: a message takes a token from its sender's bucket first and only
 * then from the channel's, so a sender over its own limit never uses up the channel for everyone.
 * A message without a usable sender takes only a channel token.
 */
public final class RateLimiter {
    /** Most sender buckets kept at once (about 100 bytes each). */
    static final int MAX_SENDERS = 100_000;

    private final Clock clock;
    private final SenderBuckets senders;
    private final TokenBucket channel;

    public RateLimiter(FloodsConfig config, Clock clock) {
        this(config, clock, MAX_SENDERS);
    }

    RateLimiter(FloodsConfig config, Clock clock, int maxSenders) {
        this.clock = clock;
        this.senders = new SenderBuckets(config.senderBurst(), config.senderPerHour(), maxSenders);
        this.channel = new TokenBucket(config.channelBurst(), config.channelPerHour(), clock.instant());
    }

    /** Whether a message may go on; {@code senderKey} is the keyed hash of its normalised sender. */
    public synchronized boolean admit(Optional<byte[]> senderKey) {
        var now = clock.instant();
        if (senderKey.isPresent() && !senders.tryTake(senderKey.get(), now)) {
            return false;
        }
        return channel.tryTake(now);
    }

    synchronized int senderBuckets() {
        return senders.size();
    }
}
