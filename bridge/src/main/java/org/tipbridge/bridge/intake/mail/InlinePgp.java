// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.DecryptionResult;
import org.tipbridge.pgp.PgpException;

/**
 * Inline PGP: the first armored message block in a text part is decrypted and its plaintext
 * becomes text (never parsed as MIME), its size counted against the message's decryption
 * allowance. Text around the block is not trusted and is dropped.
 */
final class InlinePgp {
    static final String BEGIN = "-----BEGIN PGP MESSAGE-----";
    static final String END = "-----END PGP MESSAGE-----";
    static final String OUTSIDE_IGNORED = "text outside the encrypted part was ignored";
    private final MailWalk walk;

    InlinePgp(MailWalk walk) {
        this.walk = walk;
    }

    static boolean containsBlock(String text) {
        int begin = text.indexOf(BEGIN);
        return begin >= 0 && text.indexOf(END, begin) > begin;
    }

    void take(PartContext part, String text) throws IOException {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END, begin) + END.length();
        if (!(text.substring(0, begin) + text.substring(end)).isBlank()) {
            walk.warn(OUTSIDE_IGNORED);
        }
        TrustScope scope = TrustScope.encrypted();
        byte[] armored = text.substring(begin, end).getBytes(StandardCharsets.UTF_8);
        DecryptingStream plain = open(armored);
        Streams.Prefix content = Streams.readAtMost(
                new PlaintextMeter(plain, walk.budget()), walk.budget().textRoom());
        if (!content.complete()) {
            throw IntakeAbort.rejected(QuarantineReason.TEXT_TOO_LARGE);
        }
        plain.close();
        DecryptionResult result = plain.result();
        walk.budget().useText(content.bytes().length);
        new BodyText(walk).add(decode(content.bytes()), false, part.alternativeGroup(), scope);
        walk.addSignature(result.signature(), scope);
        if (result.encrypted()) {
            walk.confirm(scope);
        }
    }

    private DecryptingStream open(byte[] armored) throws IntakeAbort {
        try {
            return walk.pgp().decrypt(new ByteArrayInputStream(armored), walk.decryptOptions());
        } catch (PgpException e) {
            throw IntakeAbort.rejected(FailureMapper.reasonFor(e), e);
        }
    }

    private String decode(byte[] bytes) {
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes, "utf-8");
        decoded.warning().ifPresent(walk::warn);
        return decoded.text();
    }
}
