// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** Upstream ids whose rate-limited row is committed but which are still upstream (bounded). */
    private final Set<String> unsettled = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_UNSETTLED;
        }
    });

    static final int MAX_UNSETTLED = 10_000;

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

    /**
     * Remembers messages whose {@code rate-limited} row is committed but which are not moved out
     * upstream yet: if the move fails (the connection is lost), they are limited again when seen
     * next, never handled as tips (their bucket may have refilled by then).
     */
    public synchronized void committed(List<String> upstreamIds) {
        unsettled.addAll(upstreamIds);
    }

    /** The messages are out of the mailbox: forget them. */
    public synchronized void settled(List<String> upstreamIds) {
        upstreamIds.forEach(unsettled::remove);
    }

    /** Whether this message was rate-limited already and must stay so. */
    public synchronized boolean limitedBefore(String upstreamId) {
        return unsettled.contains(upstreamId);
    }

    public FloodsConfig.Policy policy() {
        return policy;
    }

    public FloodCount count() {
        return count;
    }
}
