// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Who marks an outbox entry {@code sending}, and when: {@code claimant} is the dispatcher's instance
 * id (at most {@value #MAX_CLAIMANT} characters, never sender data), {@code at} the exact time of
 * the claim by that dispatcher's clock (stored to the second).
 */
public record SendClaim(String claimant, Instant at) {
    public static final int MAX_CLAIMANT = 64;

    public SendClaim {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(at, "at");
        if (claimant.isBlank() || claimant.length() > MAX_CLAIMANT) {
            throw new IllegalArgumentException("a claimant is 1 to " + MAX_CLAIMANT + " characters");
        }
    }
}
