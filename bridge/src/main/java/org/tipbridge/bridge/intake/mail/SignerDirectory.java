// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Optional;
import org.tipbridge.pgp.Certificate;

/**
 * Finds the certificate already on file for this sender's conversation (the stored source key).
 * Asked once per message, right after the outer header was read and before anything is decrypted,
 * so that no store access ever happens inside the OpenPGP code. An unchecked exception (the store
 * failed) makes the message a transient failure: it stays in the mailbox and is retried.
 */
@FunctionalInterface
public interface SignerDirectory {
    Optional<Certificate> prefetch(MailEnvelope envelope);

    static SignerDirectory none() {
        return envelope -> Optional.empty();
    }
}
