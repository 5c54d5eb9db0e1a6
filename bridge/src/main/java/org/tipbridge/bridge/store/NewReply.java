// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An analyst's reply to queue: the text sealed twice, once to the bridge key (for sending; dropped
 * once sent or cancelled) and once to the analysts (for {@code tipbridge conversation}).
 * {@code allowPlaintext} lets it leave unencrypted when no source key is known.
 */
public record NewReply(
        String handle,
        Channel channel,
        byte[] sealedForBridge,
        byte[] sealedForAnalysts,
        boolean allowPlaintext,
        Instant now) {

    public NewReply {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(channel, "channel");
        sealedForBridge = sealedForBridge.clone();
        sealedForAnalysts = sealedForAnalysts.clone();
        Objects.requireNonNull(now, "now");
    }

    @Override
    public byte[] sealedForBridge() {
        return sealedForBridge.clone();
    }

    @Override
    public byte[] sealedForAnalysts() {
        return sealedForAnalysts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "NewReply[channel=" + channel.wireName() + "]";
    }
}
