// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import org.apache.james.mime4j.MimeException;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.DecryptionResult;
import org.tipbridge.pgp.PgpException;

/**
 * The encrypted payload of a PGP/MIME message (RFC 3156): decrypted as it streams and walked as a
 * MIME entity. Its content is trusted only once the decrypting stream closed without error.
 */
final class EncryptedEntity {
    private final MailWalk walk;

    EncryptedEntity(MailWalk walk) {
        this.walk = walk;
    }

    void open(InputStream ciphertext) throws IOException {
        TrustScope scope = TrustScope.encrypted();
        DecryptingStream plain = decrypt(ciphertext);
        try {
            MimeWalker.walkEntity(walk, scope, new LineGuard(plain, walk.budget().limits().maxLineBytes()));
        } catch (MimeException e) {
            throw new IOException("decrypted entity", e);
        }
        Streams.discard(plain, Long.MAX_VALUE);
        plain.close();
        DecryptionResult result = plain.result();
        walk.addSignature(result.signature(), scope);
        if (result.encrypted()) {
            walk.confirm(scope);
        }
        Streams.discard(ciphertext, Long.MAX_VALUE);
    }

    private DecryptingStream decrypt(InputStream ciphertext) throws IntakeAbort {
        try {
            return walk.pgp().decrypt(ciphertext, walk.decryptOptions());
        } catch (PgpException e) {
            throw IntakeAbort.rejected(FailureMapper.reasonFor(e), e);
        }
    }
}
