// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.util.Optional;
import org.tipbridge.bridge.store.TrustHolds;

/**
 * An analyst's decision to trust a Signal source's current identity key: either after comparing
 * the safety number with the source out of band, or accepting whatever key the source has now.
 */
public sealed interface TrustDecision {

    /** Digits in a Signal safety number. */
    int SAFETY_NUMBER_DIGITS = 60;

    /** The reason an entry waits with when signal-cli refuses this decision. */
    String refusedReason();

    /** Trust every key signal-cli knows for the source, unverified. */
    record AllKnownKeys() implements TrustDecision {
        @Override
        public String refusedReason() {
            return TrustHolds.TRUST_REFUSED;
        }
    }

    /** Trust the key whose safety number is {@code digits} (60 ASCII digits, no spaces). */
    record VerifiedSafetyNumber(String digits) implements TrustDecision {
        public VerifiedSafetyNumber {
            if (!isSafetyNumber(digits)) {
                throw new IllegalArgumentException("not a safety number of " + SAFETY_NUMBER_DIGITS + " digits");
            }
        }

        @Override
        public String refusedReason() {
            return TrustHolds.SAFETY_NUMBER_MISMATCH;
        }

        @Override
        public String toString() {
            return "VerifiedSafetyNumber[redacted]";
        }
    }

    /** A safety number as typed (groups separated by spaces), or empty when it is not 60 digits. */
    static Optional<VerifiedSafetyNumber> safetyNumber(String typed) {
        String digits = typed.replace(" ", "");
        return isSafetyNumber(digits) ? Optional.of(new VerifiedSafetyNumber(digits)) : Optional.empty();
    }

    private static boolean isSafetyNumber(String s) {
        return s.length() == SAFETY_NUMBER_DIGITS && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
