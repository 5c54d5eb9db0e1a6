// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Instant;
import java.util.Objects;
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

    /**
     * Trust every key signal-cli knows for the source, unverified ({@code --unverified}), but only
     * keys signal-cli had seen by {@code decidedAt}: a key that arrived after the analyst decided was
     * never shown to them, so it is not trusted on their behalf.
     */
    record AllKnownKeys(Instant decidedAt) implements TrustDecision {
        public AllKnownKeys {
            Objects.requireNonNull(decidedAt, "decidedAt");
        }

        @Override
        public String refusedReason() {
            return TrustHolds.TRUST_REFUSED;
        }

        /** The exact decision time is kept only sealed, so it is not printed either. */
        @Override
        public String toString() {
            return "AllKnownKeys[redacted]";
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

    /**
     * A safety number as typed or pasted (groups separated by any whitespace: spaces, tabs, line
     * breaks of Signal's grid), or empty when what is left is not exactly 60 digits.
     */
    static Optional<VerifiedSafetyNumber> safetyNumber(CharSequence typed) {
        String digits = typed.toString().replaceAll("\\s", "");
        return isSafetyNumber(digits) ? Optional.of(new VerifiedSafetyNumber(digits)) : Optional.empty();
    }

    private static boolean isSafetyNumber(String s) {
        return s.length() == SAFETY_NUMBER_DIGITS && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
