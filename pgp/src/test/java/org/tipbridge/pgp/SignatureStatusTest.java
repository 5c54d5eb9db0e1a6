// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signature outcomes are values: VERIFIED, UNVERIFIED (unknown signer, never dropped), BAD, NONE. */
class SignatureStatusTest {
    private static final String TEXT = "Ivory in container 4471 – café\n";
    private static Gpg gpg;
    private static Certificate gpgSender;

    @BeforeAll
    static void start() throws Exception {
        gpg = Gpg.start();
        gpg.ok(
                "--passphrase",
                "",
                "--quick-gen-key",
                "Sender 25519 <source.25519@example.org>",
                "ed25519",
                "sign",
                "never");
        gpgSender = PGP.readCertificates(new ByteArrayInputStream(
                        gpg.ok("--export", "source.25519@example.org").stdout()))
                .get(0);
        gpg.ok(TestKeys.bridge().certificate().encoded(), "--import");
    }

    @AfterAll
    static void stop() throws Exception {
        gpg.close();
    }

    private static byte[] ourSignedMessage() throws PgpException {
        return TestKeys.encrypt(TEXT.getBytes(UTF_8), TestKeys.signedTo(TestKeys.sender(), TestKeys.bridge()));
    }

    private static DecryptOptions options(
            List<Certificate> verifiers, java.util.function.Function<Fingerprint, Optional<Certificate>> late) {
        return new DecryptOptions(TestKeys.bridge().key(), verifiers, late, MAX);
    }

    @Test
    void reportsUnknownSignerAsUnverified() throws Exception {
        DecryptionResult result = TestKeys.decrypt(
                        ourSignedMessage(),
                        DecryptOptions.with(TestKeys.bridge().key(), MAX))
                .result();
        assertThat(result.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(result.signer()).contains(TestKeys.sender().certificate().fingerprint());
    }

    @Test
    void verifiesWithLateCertificate() throws Exception {
        List<Fingerprint> asked = new ArrayList<>();
        DecryptOptions options = options(List.of(), fp -> {
            asked.add(fp);
            return fp.equals(TestKeys.sender().certificate().fingerprint())
                    ? Optional.of(TestKeys.sender().certificate())
                    : Optional.empty();
        });
        DecryptingStream in = PGP.decrypt(new ByteArrayInputStream(ourSignedMessage()), options);
        assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo(TEXT);
        assertThat(asked).as("looked up only when verifying, at close").isEmpty();
        in.close();

        assertThat(asked).containsExactly(TestKeys.sender().certificate().fingerprint());
        assertThat(in.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(in.result().signer())
                .contains(TestKeys.sender().certificate().fingerprint());
    }

    @Test
    void verifiesGpgSignatureWithLateCertificate() throws Exception {
        byte[] message = gpg.ok(
                        TEXT.getBytes(UTF_8),
                        "--sign",
                        "--local-user",
                        "source.25519@example.org",
                        "--encrypt",
                        "--recipient",
                        TestKeys.bridge().certificate().fingerprint().hex())
                .stdout();
        DecryptionResult result = TestKeys.decrypt(message, options(List.of(), fp -> Optional.of(gpgSender)))
                .result();
        assertThat(result.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void certificateOfSomeoneElseDoesNotVerify() throws Exception {
        DecryptionResult result = TestKeys.decrypt(
                        ourSignedMessage(),
                        options(
                                List.of(TestKeys.analyst().certificate()),
                                fp -> Optional.of(TestKeys.analyst().certificate())))
                .result();
        assertThat(result.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
    }

    @Test
    void reportsBadSignature() throws Exception {
        byte[] signed = gpg.ok(
                        TEXT.getBytes(UTF_8),
                        "--sign",
                        "--compress-algo",
                        "none",
                        "--local-user",
                        "source.25519@example.org")
                .stdout();
        byte[] forged = replace(signed, "4471".getBytes(UTF_8), "4472".getBytes(UTF_8));

        TestKeys.Decrypted decrypted = TestKeys.decrypt(forged, options(List.of(gpgSender), fp -> Optional.empty()));
        assertThat(decrypted.result())
                .isEqualTo(new DecryptionResult(false, SignatureStatus.BAD, Optional.of(gpgSender.fingerprint())));
        assertThat(TestKeys.decrypt(signed, options(List.of(gpgSender), fp -> Optional.empty()))
                        .result()
                        .signature())
                .isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void literalOnlyMessageIsUnencryptedAndUnsigned() throws Exception {
        byte[] literal = gpg.ok(TEXT.getBytes(UTF_8), "--store", "--compress-algo", "none")
                .stdout();
        TestKeys.Decrypted decrypted =
                TestKeys.decrypt(literal, DecryptOptions.with(TestKeys.bridge().key(), MAX));
        assertThat(new String(decrypted.plaintext(), UTF_8)).isEqualTo(TEXT);
        assertThat(decrypted.result()).isEqualTo(new DecryptionResult(false, SignatureStatus.NONE, Optional.empty()));
    }

    @Test
    void toleratesSignerClockSkew() throws Exception {
        DecryptionResult result = TestKeys.decrypt(
                        signedAt(Instant.now().plusSeconds(30 * 60)),
                        options(List.of(gpgSender), fp -> Optional.empty()))
                .result();
        assertThat(result.signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void rejectsSignatureDatedFarInTheFuture() throws Exception {
        Instant later =
                Instant.now().plus(SignatureJudgement.ALLOWED_CLOCK_SKEW).plusSeconds(3600);
        DecryptionResult result = TestKeys.decrypt(signedAt(later), options(List.of(gpgSender), fp -> Optional.empty()))
                .result();
        assertThat(result.signature()).isEqualTo(SignatureStatus.BAD);
    }

    private static byte[] signedAt(Instant when) throws Exception {
        return gpg.ok(
                        TEXT.getBytes(UTF_8),
                        "--faked-system-time",
                        when.getEpochSecond() + "!",
                        "--ignore-time-conflict",
                        "--sign",
                        "--local-user",
                        "source.25519@example.org",
                        "--encrypt",
                        "--recipient",
                        TestKeys.bridge().certificate().fingerprint().hex())
                .stdout();
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                byte[] copy = haystack.clone();
                System.arraycopy(replacement, 0, copy, i, replacement.length);
                return copy;
            }
        }
        throw new AssertionError("needle not found");
    }
}
