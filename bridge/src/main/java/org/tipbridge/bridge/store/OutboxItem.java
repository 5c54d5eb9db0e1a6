// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.Optional;

/**
 * An entry with one of its sealed texts: for the outbox job, the copy sealed to the bridge key
 * (absent for acknowledgements, whose text comes from the configuration); for the conversation
 * view, the copy sealed to the analysts (absent for acknowledgements). {@code sealedTrust} is an
 * analyst's trust decision sealed to the bridge key ({@code tipbridge signal trust}), given to the
 * outbox job only, and only while one waits for the next attempt.
 */
public record OutboxItem(OutboxEntry entry, Optional<byte[]> sealedText, Optional<byte[]> sealedTrust) {

    public OutboxItem(OutboxEntry entry, Optional<byte[]> sealedText) {
        this(entry, sealedText, Optional.empty());
    }
}
