// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import org.apache.james.mime4j.MimeException;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.DecryptionResult;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;

/**
 * The encrypted payload of a PGP/MIME message (RFC 3156): decrypted as it streams and walked as a
 * MIME entity, its plaintext counted against the message's decryption allowance. Its content is
 * trusted only once the decrypting stream closed without error.
 */
final class EncryptedEntity {
    private final MailWalk walk;

    EncryptedEntity(MailWalk walk) {
        this.walk = walk;
    }

    void open(InputStream ciphertext) throws IOException {
        TrustScope scope = TrustScope.encrypted();
        DecryptingStream plain = decrypt(ciphertext);
        InputStream metered = new PlaintextMeter(plain, walk.budget());
        try {
            MimeWalker.walkEntity(
                    walk,
                    scope,
                    LineGuard.decrypted(metered, walk.budget().limits().maxLineBytes()));
            Streams.discard(metered, Long.MAX_VALUE);
        } catch (IOException | MimeException | RuntimeException e) {
            throw preferIntegrityFailure(plain, e);
        }
        plain.close();
        DecryptionResult result = plain.result();
        walk.addSignature(result.signature(), scope);
        if (result.encrypted()) {
            walk.confirm(scope);
        }
        Streams.discard(ciphertext, Long.MAX_VALUE);
    }

    /**
     * Tampered ciphertext decrypts to garbage that may trip a MIME check or a limit first; the
     * honest reason is the failed integrity check, so finish decrypting to see whether it fails.
     * Not after a raw input failure, an OpenPGP failure or the decryption allowance ran out.
     */
    private static IOException preferIntegrityFailure(DecryptingStream plain, Exception walkFailure) {
        if (walkFailure instanceof SourceFailure
                || walkFailure instanceof PgpStreamException
                || overAllowance(walkFailure)) {
            return (IOException) walkFailure;
        }
        try {
            Streams.discard(plain, Long.MAX_VALUE);
            plain.close();
        } catch (PgpStreamException integrity) {
            return integrity;
        } catch (IOException ignored) {
            // the walk's own failure is the better report
        }
        return walkFailure instanceof IOException io ? io : new IOException("decrypted entity", walkFailure);
    }

    private static boolean overAllowance(Exception failure) {
        return failure instanceof IntakeAbort abort
                && abort.decision() instanceof IntakeException.Rejected rejected
                && rejected.reason() == QuarantineReason.DECOMPRESSION_LIMIT;
    }

    private DecryptingStream decrypt(InputStream ciphertext) throws IntakeAbort {
        try {
            return walk.pgp().decrypt(ciphertext, walk.decryptOptions());
        } catch (PgpException e) {
            throw IntakeAbort.rejected(FailureMapper.reasonFor(e), e);
        }
    }
}
