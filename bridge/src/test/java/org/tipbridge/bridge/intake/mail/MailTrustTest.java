// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.SignatureStatus;

/** Decryption, signatures and which content is trusted, against the fake OpenPGP facade. */
class MailTrustTest {
    private static final String SIGNER = FakeOpenPgp.SIGNER;
    private final Parsing parsing = Parsing.encryptedOnly();

    private static String inner(String... parts) {
        return TestMail.multipart("mixed", "; protected-headers=\"v1\"", List.of(parts))
                .replaceFirst("Content-Type", "Subject: Real subject\nContent-Type");
    }

    @Test
    void decryptsPgpMimeWithProtectedSubject() throws Exception {
        String plaintext = TestMail.crlf(inner(
                TestMail.text("secret tip\n"),
                TestMail.attachment("application/pdf", "ledger.pdf", new byte[] {9, 9})));
        String message = TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", plaintext)))
                .replace("Subject: test", "Subject: ...");
        ParsedMail mail = parsing.parse(message);
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.body()).isEqualTo("secret tip");
        assertThat(mail.subject()).isEqualTo("Real subject");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.NONE);
        assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("ledger.pdf");
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void keepsOuterSubjectWithoutProtectedHeaders() throws Exception {
        String message = TestMail.message(
                "", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("t")))));
        assertThat(parsing.parse(message).subject()).isEqualTo("test");
    }

    @Test
    void warnsThatTheOuterSubjectWasNotEncrypted() throws Exception {
        String message = TestMail.message(
                "", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("t")))));
        assertThat(parsing.parse(message).warnings()).containsExactly(MailAssembler.SUBJECT_NOT_ENCRYPTED);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"...", "Encrypted Message", "encrypted message", "[...]", ""})
    void placeholderSubjectNeedsNoWarning(String placeholder) throws Exception {
        String message = TestMail.message(
                        "", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("t")))))
                .replace("Subject: test", "Subject: " + placeholder);
        assertThat(parsing.parse(message).warnings()).isEmpty();
    }

    @Test
    void clearSubjectOfAClearMessageNeedsNoWarning() throws Exception {
        assertThat(Parsing.plaintextAllowed()
                        .parse(TestMail.message("", TestMail.text("t")))
                        .warnings())
                .isEmpty();
    }

    @Test
    void signedAndEncryptedIsVerifiedWithTheKeyAttachedInside() throws Exception {
        String keyPart = TestMail.entity("Content-Type: application/pgp-keys\n", FakeOpenPgp.key(SIGNER) + "\n");
        String plaintext = TestMail.crlf(inner(TestMail.text("tip"), keyPart));
        ParsedMail mail =
                parsing.parse(TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", SIGNER, plaintext))));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(mail.senderKeys()).hasSize(1);
    }

    @Test
    void signedAndEncryptedWithoutKeyIsUnverifiedAndDirectoryKeyVerifies() throws Exception {
        String message = TestMail.message(
                "", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", SIGNER, TestMail.crlf(TestMail.text("t")))));
        assertThat(parsing.parse(message).signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        SignerDirectory directory = envelope ->
                envelope.from().isPresent() ? Optional.of(new FakeOpenPgp.FakeCertificate(SIGNER)) : Optional.empty();
        assertThat(parsing.parser.parse(TestMail.stream(message), directory).signature())
                .isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void nestedSignThenEncryptIsVerifiedOverCanonicalBytes() throws Exception {
        String keyPart = TestMail.entity("Content-Type: application/pgp-keys\n", FakeOpenPgp.key(SIGNER) + "\n");
        String signed =
                PgpMail.signed(TestMail.multipart("mixed", List.of(TestMail.text("signed tip\n"), keyPart)), SIGNER);
        // the decrypted entity uses bare LF line ends: the signature must still match (canonical CRLF)
        ParsedMail mail = parsing.parse(TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", signed))));
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.body()).isEqualTo("signed tip");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void alteredSignedPartIsBad() throws Exception {
        String signed = PgpMail.signed(TestMail.text("pay 100\n"), SIGNER).replace("pay 100", "pay 900");
        ParsedMail mail = Parsing.plaintextAllowed().parse(TestMail.message("", signed));
        assertThat(mail.encrypted()).isFalse();
        assertThat(mail.body()).isEqualTo("pay 900");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.BAD);
    }

    @Test
    void clearSignedMessageIsUnverifiedWithoutKey() throws Exception {
        ParsedMail mail = Parsing.plaintextAllowed()
                .parse(TestMail.message("", PgpMail.signed(TestMail.text("hello\n"), SIGNER)));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void refusesPlaintextWhenPolicySaysSo() {
        parsing.rejects(TestMail.message("", TestMail.text("clear")), QuarantineReason.PLAINTEXT_REFUSED);
        parsing.rejects(
                TestMail.message("", PgpMail.signed(TestMail.text("signed only\n"), SIGNER)),
                QuarantineReason.PLAINTEXT_REFUSED);
    }

    @Test
    void literalOnlyPgpMimeIsNotTreatedAsEncrypted() {
        String message = TestMail.message(
                "", PgpMail.pgpMime(FakeOpenPgp.encrypt("literal", "-", TestMail.crlf(TestMail.text("x")))));
        parsing.rejects(message, QuarantineReason.PLAINTEXT_REFUSED);
    }

    @Test
    void ignoresClearTextOutsideInlineBlock() throws Exception {
        String body = "Please call +1 555 0100 (added by someone)\n\n"
                + FakeOpenPgp.encrypt("ok", "-", "inline tip\r\n") + "\n-- \nsent from my phone\n";
        ParsedMail mail = parsing.parse(TestMail.message("", TestMail.text(body)));
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.body()).isEqualTo("inline tip");
        assertThat(mail.warnings()).containsExactly(InlinePgp.OUTSIDE_IGNORED, MailAssembler.SUBJECT_NOT_ENCRYPTED);
    }

    @Test
    void clearPartsNextToAnEncryptedPartAreDroppedOrFlagged() throws Exception {
        String encrypted =
                PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("the real tip"))));
        String mixed = TestMail.multipart(
                "mixed",
                List.of(
                        TestMail.text("injected clear text\n"),
                        encrypted,
                        TestMail.attachment("application/pdf", "clear.pdf", new byte[] {1})));
        ParsedMail mail = parsing.parse(TestMail.message("", mixed));
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.body()).isEqualTo("the real tip");
        assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("clear.pdf");
        assertThat(mail.warnings())
                .containsExactly(
                        MailAssembler.CLEAR_TEXT_IGNORED,
                        MailAssembler.SUBJECT_NOT_ENCRYPTED,
                        "attachment 1 was not encrypted");
    }

    @Test
    void tamperedPgpMimeIsQuarantinedAsIntegrityFailure() {
        String plaintext = TestMail.crlf(
                inner(TestMail.text("tip"), TestMail.attachment("application/pdf", "a.pdf", new byte[] {1})));
        parsing.rejects(
                TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("tamper", "-", plaintext))),
                QuarantineReason.INTEGRITY_FAILURE);
    }

    @Test
    void abandonsSealedAttachmentsOnFailure() {
        String plaintext = TestMail.crlf(inner(
                TestMail.text("tip"),
                TestMail.attachment("application/pdf", "a.pdf", new byte[] {1}),
                TestMail.attachment("application/pdf", "b.pdf", new byte[] {2})));
        parsing.rejects(
                TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("tamper", "-", plaintext))),
                QuarantineReason.INTEGRITY_FAILURE);
        assertThat(parsing.sealer.begun()).isEqualTo(2);
        assertThat(parsing.sealer.abandoned()).isEqualTo(2);
        assertThat(parsing.sealer.live()).isZero();
    }

    @Test
    void wrongKeyIsNotEncryptedToBridge() {
        parsing.rejects(
                TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("otherkey", "-", "x"))),
                QuarantineReason.NOT_ENCRYPTED_TO_BRIDGE);
        parsing.rejects(
                TestMail.message("", TestMail.text(FakeOpenPgp.encrypt("otherkey", "-", "x"))),
                QuarantineReason.NOT_ENCRYPTED_TO_BRIDGE);
    }

    @Test
    void rejectsCompressionBomb() {
        parsing.rejects(
                TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("bomb", "-", "x"))),
                QuarantineReason.DECOMPRESSION_LIMIT);
    }

    @Test
    void garbledCiphertextIsMalformedPgp() {
        String garbled = "-----BEGIN PGP MESSAGE-----\n\nnot*base64\n-----END PGP MESSAGE-----\n";
        parsing.rejects(TestMail.message("", PgpMail.pgpMime(garbled)), QuarantineReason.MALFORMED_PGP);
    }

    @Test
    void partsInsideTheDecryptedEntityCountTowardsTheLimit() {
        List<String> parts = java.util.Collections.nCopies(49, TestMail.text("x"));
        String plaintext = TestMail.crlf(TestMail.multipart("mixed", parts));
        parsing.rejects(
                TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", plaintext))),
                QuarantineReason.TOO_MANY_PARTS);
    }

    @Test
    void legacyDisplayPartIsNotBodyText() throws Exception {
        String legacy = TestMail.entity(
                "Content-Type: text/plain; charset=us-ascii; protected-headers=\"v1\"\n"
                        + "Content-Disposition: inline\n",
                "Subject: Real subject\n");
        String plaintext = TestMail.crlf(inner(legacy, TestMail.text("tip body")));
        ParsedMail mail =
                parsing.parse(TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", plaintext))));
        assertThat(mail.body()).isEqualTo("tip body");
    }
}
