// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One identity key signal-cli knows for a contact ({@code listIdentities}). It holds identifiers:
 * {@link #toString()} shows only the trust level.
 *
 * @param trustLevel signal-cli's level, e.g. {@code TRUSTED_UNVERIFIED}, {@code TRUSTED_VERIFIED}, {@code UNTRUSTED}
 * @param addedTimestamp when signal-cli first saw this key, in milliseconds since the epoch
 */
public record Identity(
        Optional<String> number,
        Optional<String> uuid,
        Optional<String> safetyNumber,
        Optional<String> trustLevel,
        OptionalLong addedTimestamp) {

    /** An identity whose first sighting signal-cli did not say. */
    public Identity(
            Optional<String> number,
            Optional<String> uuid,
            Optional<String> safetyNumber,
            Optional<String> trustLevel) {
        this(number, uuid, safetyNumber, trustLevel, OptionalLong.empty());
    }

    @Override
    public String toString() {
        return "Identity[trustLevel=" + trustLevel.orElse("?") + ", redacted]";
    }
}
