// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.conf.LimitsConfig;

/**
 * Which failures are retried (transient: the tip stays in the mailbox) and which quarantine the
 * message (it is deleted): a local or mailbox failure must never look like bad input.
 */
class MailFailureTest {
    private static final String SIGNER = FakeOpenPgp.SIGNER;

    private static String pgpMime(String plaintext) {
        return TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(plaintext))));
    }

    private static String withAttachment() {
        return TestMail.message(
                "",
                TestMail.multipart(
                        "mixed",
                        List.of(
                                TestMail.text("tip"),
                                TestMail.attachment("application/pdf", "a.pdf", new byte[] {1, 2, 3}))));
    }

    private static void transientIo(ThrowingParse parse) {
        assertThatThrownBy(parse::run).isInstanceOf(IntakeException.TransientIo.class);
    }

    @FunctionalInterface
    private interface ThrowingParse {
        void run() throws Exception;
    }

    @Test
    void uncheckedSealerFailureOnBeginIsRetriedNotQuarantined() {
        InMemorySealer sealer = new InMemorySealer().throwingOnBegin(new StoreException("blob store full"));
        Parsing parsing = new Parsing(new FakeOpenPgp(), Parsing.LIMITS, true, sealer);
        transientIo(() -> parsing.parse(withAttachment()));
    }

    @Test
    void uncheckedSealerFailureOnFinishIsRetriedAndAbandonsTheBlob() {
        InMemorySealer sealer = new InMemorySealer().throwingOnFinish(new IllegalStateException("fsync failed"));
        Parsing parsing = new Parsing(new FakeOpenPgp(), Parsing.LIMITS, true, sealer);
        transientIo(() -> parsing.parse(withAttachment()));
        assertThat(sealer.begun()).isEqualTo(1);
        assertThat(sealer.live()).isZero();
    }

    @Test
    void uncheckedSealerFailureInsideAnEncryptedEntityIsRetried() {
        InMemorySealer sealer = new InMemorySealer().throwingOnBegin(new StoreException("blob store full"));
        Parsing parsing = new Parsing(new FakeOpenPgp(), Parsing.LIMITS, false, sealer);
        String inner =
                TestMail.multipart("mixed", List.of(TestMail.attachment("application/pdf", "a.pdf", new byte[] {1})));
        transientIo(() -> parsing.parse(pgpMime(inner)));
    }

    @Test
    void mailboxDroppingInsideTheCiphertextIsRetriedNotMalformedPgp() {
        byte[] message = TestMail.bytes(pgpMime(TestMail.text("tip ".repeat(2000))));
        int halfway = cipherMiddle(message);
        transientIo(() -> Parsing.encryptedOnly().parse(new ChokingStream(message, halfway)));
    }

    @Test
    void oversizeInsideTheCiphertextIsMessageTooLargeNotMalformedPgp() {
        byte[] message = TestMail.bytes(pgpMime(TestMail.text("tip ".repeat(2000))));
        LimitsConfig limits = Parsing.limits(50, 8, 16 * 1024, 4096, cipherMiddle(message), 256 * 1024);
        Parsing.withLimits(limits)
                .rejects(new java.io.ByteArrayInputStream(message), QuarantineReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void overlongLineInsideTheArmoredPartIsLineTooLongNotMalformedPgp() {
        String armored = FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("x".repeat(4000))));
        String base64 = armored.lines()
                .filter(l -> !l.startsWith("-----") && !l.isBlank())
                .collect(Collectors.joining());
        String oneLine = "-----BEGIN PGP MESSAGE-----\n\n" + base64 + "\n-----END PGP MESSAGE-----\n";
        assertThat(oneLine.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(4096);
        Parsing.encryptedOnly().rejects(TestMail.message("", PgpMail.pgpMime(oneLine)), QuarantineReason.LINE_TOO_LONG);
    }

    @Test
    void directoryFailureIsRetriedForPgpMime() {
        Parsing parsing = Parsing.encryptedOnly();
        String message = TestMail.message(
                "", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", SIGNER, TestMail.crlf(TestMail.text("t")))));
        transientIo(() -> parsing.parser.parse(TestMail.stream(message), failingDirectory()));
    }

    @Test
    void directoryFailureIsRetriedForMultipartSigned() {
        Parsing parsing = Parsing.plaintextAllowed();
        String message = TestMail.message("", PgpMail.signed(TestMail.text("signed\n"), SIGNER));
        transientIo(() -> parsing.parser.parse(TestMail.stream(message), failingDirectory()));
    }

    @Test
    void directoryIsAskedOnceOutsideOpenPgp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<String> from = new AtomicReference<>();
        SignerDirectory directory = envelope -> {
            calls.incrementAndGet();
            from.set(envelope.from().orElse(""));
            return java.util.Optional.of(new FakeOpenPgp.FakeCertificate(SIGNER));
        };
        String signed = PgpMail.signed(TestMail.text("signed tip\n"), SIGNER);
        String message = TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", SIGNER, signed)));
        ParsedMail mail = Parsing.encryptedOnly().parser.parse(TestMail.stream(message), directory);
        assertThat(mail.signature()).isEqualTo(org.tipbridge.pgp.SignatureStatus.VERIFIED);
        assertThat(calls).hasValue(1);
        assertThat(from).hasValue("source@example.org");
    }

    @Test
    void deepMultipartNestingIsTooDeep() {
        String entity = TestMail.text("deep");
        for (int i = 0; i < 3000; i++) {
            entity = TestMail.multipart("mixed", List.of(entity));
        }
        Parsing.plaintextAllowed().rejects(TestMail.message("", entity), QuarantineReason.TOO_DEEP);
    }

    @Test
    void forwardedMessagesAreNotRecursedInto() throws Exception {
        String entity = TestMail.text("innermost");
        for (int i = 0; i < 50; i++) {
            entity = TestMail.entity("Content-Type: message/rfc822\n", TestMail.FROM + "Subject: fwd\n" + entity);
        }
        ParsedMail mail = Parsing.plaintextAllowed()
                .parse(TestMail.message("", TestMail.multipart("mixed", List.of(TestMail.text("see below"), entity))));
        assertThat(mail.attachments()).hasSize(1);
    }

    @Test
    void stackOverflowFromNestingIsContainedAsTooDeep() throws Exception {
        LimitsConfig lax = new LimitsConfig(
                10L * 1024 * 1024, 100_000, 100_000, 16 * 1024, 4096, 50L * 1024 * 1024, 100, 256 * 1024);
        Parsing parsing = Parsing.withLimits(lax);
        parsing.parse(TestMail.message("", nestedSigned(3))); // loads every class on the path first
        String deep = TestMail.message("", nestedSigned(2000));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    try {
                        parsing.parse(deep);
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                },
                "small-stack",
                256 * 1024);
        small.start();
        small.join();
        assertThat(outcome.get()).isInstanceOf(IntakeException.Rejected.class);
        assertThat(((IntakeException.Rejected) outcome.get()).reason()).isEqualTo(QuarantineReason.TOO_DEEP);
    }

    private static String nestedSigned(int levels) {
        String entity = TestMail.text("deep\n");
        for (int i = 0; i < levels; i++) {
            entity = TestMail.multipart(
                    "signed",
                    "; protocol=\"application/pgp-signature\"",
                    List.of(entity, TestMail.entity("Content-Type: application/pgp-signature\n", "FAKESIG|x|y\n")));
        }
        return entity;
    }

    private static SignerDirectory failingDirectory() {
        return envelope -> {
            throw new StoreException("database is locked");
        };
    }

    /** The offset of the middle of the armored ciphertext in a PGP/MIME message. */
    private static int cipherMiddle(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN PGP MESSAGE-----");
        int end = text.indexOf("-----END PGP MESSAGE-----");
        return (begin + end) / 2;
    }
}
