// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The link between a sender and their handle, as the database holds it: the handle, the keyed
 * lookup hash of the sender identity, the reply address sealed under a key the database never
 * holds, and the coarse time the sender was last seen.
 */
public record HandleMapping(String handle, byte[] lookupKey, byte[] sealedReplyAddress, Instant lastSeen) {

    public HandleMapping {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(lastSeen, "lastSeen");
        lookupKey = lookupKey.clone();
        sealedReplyAddress = sealedReplyAddress.clone();
    }

    @Override
    public byte[] lookupKey() {
        return lookupKey.clone();
    }

    @Override
    public byte[] sealedReplyAddress() {
        return sealedReplyAddress.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandleMapping m
                && handle.equals(m.handle)
                && Arrays.equals(lookupKey, m.lookupKey)
                && Arrays.equals(sealedReplyAddress, m.sealedReplyAddress)
                && lastSeen.equals(m.lastSeen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(handle, Arrays.hashCode(lookupKey), lastSeen);
    }

    @Override
    public String toString() {
        return "HandleMapping[handle=" + handle + "]";
    }
}
