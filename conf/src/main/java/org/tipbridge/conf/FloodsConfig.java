// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

/**
 * Rate limits on inbound messages ({@code [floods]}): token buckets of {@code burst} tokens refilled
 * at {@code perHour} tokens an hour, one per sender and one per channel; {@code policy} says what
 * becomes of a message over a limit.
 */
public record FloodsConfig(int senderBurst, int senderPerHour, int channelBurst, int channelPerHour, Policy policy) {

    /** What happens to a message over a limit. */
    public enum Policy {
        /** A quarantine row with reason {@code rate-limited} (no copy); the mail goes to the quarantine folder. */
        QUARANTINE,
        /** Counted and acknowledged upstream; nothing is stored. */
        DROP
    }
}
