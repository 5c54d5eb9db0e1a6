// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import java.util.Optional;
import org.tipbridge.conf.FloodsConfig;

/**
 * The rate limits of one channel: a message needs a token from both its sender's bucket and the
 * channel's. A sender over its own limit takes no channel token, so it never uses up the channel
 * for everyone; and while the channel is empty no sender token is taken, so a flood on the channel
 * does not empty real sources' buckets too. Messages without a usable sender all share one sender
 * bucket, so a client that sends none cannot drain the channel alone.
 */
public final class RateLimiter {
    /** Most sender buckets kept at once (about 100 bytes each). */
    static final int MAX_SENDERS = 100_000;
    /** The bucket key of every message without a usable sender (no keyed hash is empty). */
    private static final byte[] NO_SENDER = new byte[0];

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
        if (!channel.hasToken(now) || !senders.tryTake(senderKey.orElse(NO_SENDER), now)) {
            return false;
        }
        return channel.tryTake(now);
    }

    synchronized int senderBuckets() {
        return senders.size();
    }
}
