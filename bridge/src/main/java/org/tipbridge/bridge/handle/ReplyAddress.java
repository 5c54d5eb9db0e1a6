// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.tipbridge.bridge.store.Channel;

/**
 * Where a reply to a source goes: the normalised e-mail address (or, for Signal, the ACI), the
 * source's binary OpenPGP certificate when known, and the Signal disappearing-message timer. It
 * only ever leaves the daemon sealed; {@link #toString()} never shows the address.
 */
public record ReplyAddress(
        Channel channel, String address, Optional<byte[]> sourceKey, Optional<Integer> expireSeconds) {

    public ReplyAddress {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        sourceKey = sourceKey.map(byte[]::clone);
        Objects.requireNonNull(expireSeconds, "expireSeconds");
    }

    /** An address with neither a known source key nor a message timer. */
    public static ReplyAddress of(Channel channel, String address) {
        return new ReplyAddress(channel, address, Optional.empty(), Optional.empty());
    }

    @Override
    public Optional<byte[]> sourceKey() {
        return sourceKey.map(byte[]::clone);
    }

    /**
     * This address updated by a newer message: the first source key learnt sticks (a message with a
     * forged From could otherwise swap in the forger's key and read the replies); the newer timer wins.
     */
    public ReplyAddress updatedBy(ReplyAddress newer) {
        return new ReplyAddress(
                newer.channel,
                newer.address,
                sourceKey.isPresent() ? sourceKey : newer.sourceKey,
                newer.expireSeconds.isPresent() ? newer.expireSeconds : expireSeconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplyAddress r
                && channel == r.channel
                && address.equals(r.address)
                && sourceKey.isPresent() == r.sourceKey.isPresent()
                && Arrays.equals(sourceKey.orElse(null), r.sourceKey.orElse(null))
                && expireSeconds.equals(r.expireSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channel, address, sourceKey.map(Arrays::hashCode), expireSeconds);
    }

    @Override
    public String toString() {
        return "ReplyAddress[channel=" + channel.wireName() + ", redacted]";
    }
}
