// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.time.Duration;
import java.util.Optional;
import org.tipbridge.bridge.store.AckRequest;
import org.tipbridge.conf.AcknowledgementConfig;

/**
 * Which tips ask for an automatic acknowledgement: when enabled, every tip asks, and the store
 * decides in the commit's transaction: the first record of a handle (follow-ups too when
 * configured) gets one unless the conversation got one within {@code minInterval} or
 * {@code maxPerHour} were queued in the last hour. Automated mail (bounces, auto-replies, lists)
 * never gets this far: it is quarantined by the strip stage, so no loop can start.
 */
public record AckPolicy(boolean enabled, boolean followUps, Duration minInterval, int maxPerHour) {

    /** No acknowledgements at all. */
    public static final AckPolicy NONE = new AckPolicy(false, false, Duration.ofDays(1), 0);

    /** The e-mail channel's policy. */
    public static AckPolicy forEmail(AcknowledgementConfig config) {
        return new AckPolicy(config.email(), config.followUps(), config.minInterval(), config.maxPerHour());
    }

    /** The Signal channel's policy. */
    public static AckPolicy forSignal(AcknowledgementConfig config) {
        return new AckPolicy(config.signal(), config.followUps(), config.minInterval(), config.maxPerHour());
    }

    /** What the commit of {@code tip}'s record is asked to do about an acknowledgement. */
    public Optional<AckRequest> request(Tip tip) {
        if (!enabled) {
            return Optional.empty();
        }
        return Optional.of(new AckRequest(followUps, tip.received().minus(minInterval), maxPerHour));
    }
}
