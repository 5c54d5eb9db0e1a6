// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.tipbridge.bridge.handle.EmailAddresses;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.intake.mail.MailEnvelope;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Finds the key a sender left in an earlier message, so later signatures from them verify. Store
 * failures propagate (the parser turns them into a retry).
 */
final class StoredSourceKeys implements SignerDirectory {
    private final Handles handles;
    private final OpenPgp pgp;

    StoredSourceKeys(Handles handles, OpenPgp pgp) {
        this.handles = handles;
        this.pgp = pgp;
    }

    @Override
    public Optional<Certificate> prefetch(MailEnvelope envelope) {
        Optional<String> sender = envelope.from().flatMap(EmailAddresses::normalise);
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        return handles.sourceKey(Channel.EMAIL, sender.get()).flatMap(this::certificate);
    }

    private Optional<Certificate> certificate(byte[] encoded) {
        try {
            return pgp.readCertificates(new ByteArrayInputStream(encoded)).stream()
                    .findFirst();
        } catch (PgpException e) {
            return Optional.empty();
        }
    }
}
