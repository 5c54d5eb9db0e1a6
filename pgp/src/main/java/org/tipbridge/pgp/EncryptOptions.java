// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.List;
import java.util.Optional;

/**
 * How to encrypt: to every recipient certificate, optionally signed, armored or binary. Always
 * SEIPDv1 (MDC), AES-256, no compression unless asked (already-compressed media gains nothing).
 */
public record EncryptOptions(
        List<Certificate> recipients, Optional<SecretKey> signer, boolean armor, boolean compress) {
    public EncryptOptions {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is required");
        }
    }

    public static EncryptOptions to(List<Certificate> recipients) {
        return new EncryptOptions(recipients, Optional.empty(), false, false);
    }
}
