// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.Optional;

/**
 * One identity key signal-cli knows for a contact ({@code listIdentities}). It holds identifiers:
 * {@link #toString()} shows only the trust level.
 *
 * @param trustLevel signal-cli's level, e.g. {@code TRUSTED_UNVERIFIED}, {@code TRUSTED_VERIFIED}, {@code UNTRUSTED}
 */
public record Identity(
        Optional<String> number, Optional<String> uuid, Optional<String> safetyNumber, Optional<String> trustLevel) {

    @Override
    public String toString() {
        return "Identity[trustLevel=" + trustLevel.orElse("?") + ", redacted]";
    }
}
