// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.pgp.SignatureStatus;

/** The real OpenPGP implementation against messages made by gpg 2.2 (resources/interop, resources/mail). */
class GpgInteropTest {
    private static OpenPgp pgp;
    private static SecretKey bridgeKey;
    private final InMemorySealer sealer = new InMemorySealer();

    @BeforeAll
    static void unlockBridgeKey() throws Exception {
        pgp = OpenPgp.create();
        try (InputStream in = resource("interop/bridge.sec.asc")) {
            bridgeKey = pgp.readSecretKey(in, "bridge-test-passphrase".toCharArray());
        }
    }

    @AfterAll
    static void destroyKey() {
        bridgeKey.destroy();
    }

    private MailParser parser(boolean acceptPlaintext) {
        return new MailParser(pgp, bridgeKey, Parsing.LIMITS, acceptPlaintext, sealer);
    }

    private ParsedMail parse(String name, SignerDirectory directory) throws Exception {
        try (InputStream in = resource(name)) {
            return parser(false).parse(in, directory);
        }
    }

    private static SignerDirectory directoryWith(String certificateFile) throws Exception {
        try (InputStream in = resource(certificateFile)) {
            Certificate certificate = pgp.readCertificates(in).get(0);
            return envelope -> Optional.of(certificate);
        }
    }

    private static String expected(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = GpgInteropTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    @Test
    void signedPgpMimeIsUnverifiedWithoutTheSenderKey() throws Exception {
        ParsedMail mail = parse("interop/pgpmime-signed-rsa.eml", SignerDirectory.none());
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.body()).isEqualTo(expected("interop/pgpmime-signed-rsa.expected.txt"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.envelope().from()).contains("source.rsa@example.org");
        assertThat(mail.subject()).isEqualTo("...");
    }

    @Test
    void signedPgpMimeIsVerifiedWithTheDirectoryKey() throws Exception {
        ParsedMail mail = parse("interop/pgpmime-signed-rsa.eml", directoryWith("interop/sender-rsa.pub.asc"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void unsignedPgpMimeYieldsAttachmentAndSenderKey() throws Exception {
        ParsedMail mail = parse("interop/pgpmime-unsigned-25519.eml", SignerDirectory.none());
        assertThat(mail.body()).isEqualTo(expected("interop/pgpmime-unsigned-25519.expected.txt"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.NONE);
        assertThat(mail.subject()).isEqualTo("Ledger photos");
        SealedAttachment evidence = mail.attachments().get(0);
        assertThat(mail.attachments()).hasSize(1);
        assertThat(evidence.name()).isEqualTo("evidence.bin");
        assertThat(FakeOpenPgp.sha256(sealer.content(evidence.blob())))
                .isEqualTo(expected("interop/pgpmime-unsigned-25519.evidence.sha256")
                        .split(" ")[0]);
        try (InputStream in = resource("interop/sender-25519.pub.asc")) {
            byte[] senderKey = pgp.readCertificates(in).get(0).encoded();
            assertThat(mail.senderKeys()).singleElement().isEqualTo(senderKey);
        }
        assertThat(mail.warnings()).containsExactly(MailAssembler.SUBJECT_NOT_ENCRYPTED);
    }

    @Test
    void protectedSubjectReplacesTheOuterOne() throws Exception {
        ParsedMail mail =
                parse("interop/pgpmime-protected-headers-25519.eml", directoryWith("interop/sender-25519.pub.asc"));
        assertThat(mail.subject()).isEqualTo("Rhino horn shipment");
        assertThat(mail.body()).isEqualTo(expected("interop/pgpmime-protected-headers-25519.expected.txt"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void inlineSignedIsDecryptedAndVerifiedWithTheSenderKey() throws Exception {
        ParsedMail unknown = parse("interop/inline-signed-25519.eml", SignerDirectory.none());
        assertThat(unknown.encrypted()).isTrue();
        assertThat(unknown.body()).isEqualTo(expected("interop/inline-signed-25519.expected.txt"));
        assertThat(unknown.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        ParsedMail known = parse("interop/inline-signed-25519.eml", directoryWith("interop/sender-25519.pub.asc"));
        assertThat(known.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void inlineUnsignedIsDecrypted() throws Exception {
        ParsedMail mail = parse("interop/inline-unsigned-rsa.eml", SignerDirectory.none());
        assertThat(mail.body()).isEqualTo(expected("interop/inline-unsigned-rsa.expected.txt"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.NONE);
    }

    @Test
    void plaintextFixtureFollowsThePolicy() throws Exception {
        try (InputStream in = resource("interop/plaintext.eml")) {
            ParsedMail mail = parser(true).parse(in, SignerDirectory.none());
            assertThat(mail.encrypted()).isFalse();
            assertThat(mail.body()).isEqualTo(expected("interop/plaintext.expected.txt"));
        }
        Parsing refusing = new Parsing(pgp, bridgeKey, Parsing.LIMITS, false, new InMemorySealer());
        refusing.rejects(resource("interop/plaintext.eml"), QuarantineReason.PLAINTEXT_REFUSED);
    }

    @Test
    void tamperedCiphertextIsRejected() throws Exception {
        String message;
        try (InputStream in = resource("interop/pgpmime-unsigned-25519.eml")) {
            message = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        int armor = message.indexOf("-----BEGIN PGP MESSAGE-----");
        int target = message.indexOf('\n', message.indexOf('\n', armor + 40) + 200) - 10;
        char flipped = message.charAt(target) == 'A' ? 'B' : 'A';
        String tampered = message.substring(0, target) + flipped + message.substring(target + 1);
        Parsing parsing = new Parsing(pgp, bridgeKey, Parsing.LIMITS, false, new InMemorySealer());
        assertThatThrownBy(() ->
                        parsing.parse(new java.io.ByteArrayInputStream(tampered.getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(org.tipbridge.bridge.pipeline.IntakeException.Rejected.class)
                .extracting(e -> ((org.tipbridge.bridge.pipeline.IntakeException.Rejected) e).reason())
                .isIn(List.of(QuarantineReason.INTEGRITY_FAILURE, QuarantineReason.MALFORMED_PGP));
        assertThat(parsing.sealer.live()).isZero();
    }

    @Test
    void messageForAnotherKeyIsNotEncryptedToBridge() throws Exception {
        try (InputStream in = resource("interop/analyst.sec.asc")) {
            // the analyst key cannot open mail encrypted to the bridge
            SecretKey other = pgp.readSecretKey(in, "analyst-test-passphrase".toCharArray());
            MailParser wrong = new MailParser(pgp, other, Parsing.LIMITS, false, sealer);
            assertThatThrownBy(() -> wrong.parse(resource("interop/pgpmime-signed-rsa.eml"), SignerDirectory.none()))
                    .extracting(e -> ((org.tipbridge.bridge.pipeline.IntakeException.Rejected) e).reason())
                    .isEqualTo(QuarantineReason.NOT_ENCRYPTED_TO_BRIDGE);
        }
    }

    private static final String SIGNED_BODY =
            "Bushmeat sold at the Friday market \u2013 stall 3. \nTrailing space above is signed.";

    @Test
    void clearMultipartSignedIsVerifiedOverItsCanonicalBytes() throws Exception {
        try (InputStream in = resource("mail/clear-signed-25519.eml")) {
            ParsedMail mail = parser(true).parse(in, directoryWith("interop/sender-25519.pub.asc"));
            assertThat(mail.encrypted()).isFalse();
            assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
            assertThat(mail.body()).isEqualTo(SIGNED_BODY);
            assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("map.bin");
        }
        try (InputStream in = resource("mail/clear-signed-25519.eml")) {
            assertThat(parser(true).parse(in, SignerDirectory.none()).signature())
                    .isEqualTo(SignatureStatus.UNVERIFIED);
        }
    }

    @Test
    void alteredClearSignedTextIsBad() throws Exception {
        String message;
        try (InputStream in = resource("mail/clear-signed-25519.eml")) {
            message = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("stall 3", "stall 8");
        }
        ParsedMail mail = parser(true)
                .parse(
                        new java.io.ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                        directoryWith("interop/sender-25519.pub.asc"));
        assertThat(mail.signature()).isEqualTo(SignatureStatus.BAD);
    }

    @Test
    void nestedSignThenEncryptIsDecryptedAndVerified() throws Exception {
        ParsedMail mail = parse("mail/sign-then-encrypt-25519.eml", directoryWith("interop/sender-25519.pub.asc"));
        assertThat(mail.encrypted()).isTrue();
        assertThat(mail.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(mail.body()).isEqualTo(SIGNED_BODY);
        assertThat(mail.attachments())
                .singleElement()
                .satisfies(a -> assertThat(sealer.content(a.blob())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(parse("mail/sign-then-encrypt-25519.eml", SignerDirectory.none())
                        .signature())
                .isEqualTo(SignatureStatus.UNVERIFIED);
    }

    @Test
    void mailboxDroppingInsideRealCiphertextIsRetriedNotMalformedPgp() throws Exception {
        byte[] message;
        try (InputStream in = resource("interop/pgpmime-unsigned-25519.eml")) {
            message = in.readAllBytes();
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int halfway = (text.indexOf("-----BEGIN PGP MESSAGE-----") + text.indexOf("-----END PGP MESSAGE-----")) / 2;
        assertThatThrownBy(() -> parser(false).parse(new ChokingStream(message, halfway), SignerDirectory.none()))
                .isInstanceOf(IntakeException.TransientIo.class);
    }

    @Test
    void directoryFailureWithRealSignaturesIsRetried() throws Exception {
        SignerDirectory failing = envelope -> {
            throw new StoreException("database is locked");
        };
        for (String name : List.of("interop/pgpmime-signed-rsa.eml", "mail/clear-signed-25519.eml")) {
            try (InputStream in = resource(name)) {
                assertThatThrownBy(() -> parser(true).parse(in, failing))
                        .isInstanceOf(IntakeException.TransientIo.class);
            }
        }
    }
}
