// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Optional;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.Fingerprint;

/** Finds a certificate already on file for this sender's conversation (the stored source key). */
@FunctionalInterface
public interface SignerDirectory {
    Optional<Certificate> find(MailEnvelope envelope, Fingerprint signer);

    static SignerDirectory none() {
        return (envelope, signer) -> Optional.empty();
    }
}
