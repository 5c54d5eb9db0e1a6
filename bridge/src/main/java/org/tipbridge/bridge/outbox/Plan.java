// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.util.Optional;
import org.tipbridge.pgp.Certificate;

/** What the outbox job will do with one due entry, decided before anything is sent. */
sealed interface Plan {

    /** Send {@code mail}, encrypted to {@code encryptTo} when present, else unencrypted (allowed). */
    record Send(OutgoingMail mail, Optional<Certificate> encryptTo) implements Plan {
        @Override
        public String toString() {
            return "Send[redacted]";
        }
    }

    /**
     * Send {@code text} over Signal to the ACI, with the conversation's disappearing-message timer;
     * first make signal-cli trust the source's key as {@code trust} says, when an analyst decided so.
     */
    record SendSignal(String aci, String text, Optional<Integer> expireSeconds, Optional<TrustDecision> trust)
            implements Plan {
        @Override
        public String toString() {
            return "SendSignal[redacted]";
        }
    }

    /** Wait for an analyst's decision, for this reason. */
    record Hold(String reason) implements Plan {}

    /** Give up now, for this reason. */
    record Fail(String reason) implements Plan {}
}
