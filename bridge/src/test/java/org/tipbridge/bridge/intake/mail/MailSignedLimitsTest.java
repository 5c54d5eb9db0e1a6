// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tipbridge.pgp.SignatureStatus;

/** The memory multipart/signed may use: one allowance for all canonical copies, a bounded signature. */
class MailSignedLimitsTest {
    private static final String SIGNER = FakeOpenPgp.SIGNER;

    private static Parsing parsing(long maxMessageBytes) {
        return Parsing.withLimits(Parsing.limits(50, 8, 16 * 1024, 4096, maxMessageBytes, 256 * 1024));
    }

    @Test
    void nestedSignedCopiesShareOneAllowance() throws Exception {
        String signed = TestMail.text("evidence line\n".repeat(1000));
        for (int i = 0; i < 3; i++) {
            signed = PgpMail.signed(signed, SIGNER);
        }
        String message = TestMail.message("", signed);
        long size = TestMail.bytes(message).length;
        ParsedMail mail = parsing(size + 1000).parse(message);
        assertThat(mail.body()).startsWith("evidence line");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.warnings()).contains(SignedMultipart.TOO_LARGE);
    }

    @Test
    void nestedSignedWithinTheAllowanceIsChecked() throws Exception {
        String signed = PgpMail.signed(PgpMail.signed(TestMail.text("short\n"), SIGNER), SIGNER);
        ParsedMail mail = Parsing.plaintextAllowed().parse(TestMail.message("", signed));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.warnings()).doesNotContain(SignedMultipart.TOO_LARGE);
    }

    @Test
    void signedPartOverTheAllowanceIsUnverifiedNotAnError() throws Exception {
        // bare LF line ends: the canonical (CRLF) copy is larger than the raw part, and than the message
        String signed =
                PgpMail.signed(TestMail.text("a\n".repeat(5000)), SIGNER).replace("\r\n", "\n");
        byte[] message = TestMail.message("", signed).getBytes(StandardCharsets.UTF_8);
        ParsedMail mail = parsing(message.length + 100).parse(new ByteArrayInputStream(message));
        assertThat(mail.body()).startsWith("a\na\n");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.warnings()).contains(SignedMultipart.TOO_LARGE);
    }

    @Test
    void oversizedSignaturePartIsUnreadable() throws Exception {
        String canonical = TestMail.crlf("Content-Type: text/plain; charset=utf-8\n\nsigned");
        String signature = FakeOpenPgp.sign(SIGNER, canonical.getBytes(StandardCharsets.UTF_8));
        String padded = signature + "\n" + "\n".repeat(SignedMultipart.MAX_SIGNATURE_BYTES);
        String signed = TestMail.multipart(
                "signed",
                "; protocol=\"application/pgp-signature\"",
                java.util.List.of(
                        TestMail.text("signed\n"),
                        TestMail.entity("Content-Type: application/pgp-signature\n", padded)));
        ParsedMail mail = Parsing.plaintextAllowed().parse(TestMail.message("", signed));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.BAD);
        assertThat(mail.warnings()).contains(SignedMultipart.UNREADABLE);
    }
}
