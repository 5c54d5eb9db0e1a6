// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our keys and messages against the real gpg 2.2, both directions, RSA and Curve25519 senders. */
class GpgInteropTest {
    private static final String TEXT = "Rhino horn shipment – Ivoire café, quai 4\nsecond line\n";
    private static Gpg gpg;
    private static Certificate rsaSender;
    private static Certificate curveSender;
    private static Certificate ecdsaSender;

    @BeforeAll
    static void senders() throws Exception {
        gpg = Gpg.start();
        gpg.ok(
                "--passphrase",
                "",
                "--quick-gen-key",
                "Sender RSA <source.rsa@example.org>",
                "rsa3072",
                "sign",
                "never");
        String rsaFpr = fingerprintOf("source.rsa@example.org");
        gpg.ok("--passphrase", "", "--quick-add-key", rsaFpr, "rsa3072", "encr", "never");
        gpg.ok(
                "--passphrase",
                "",
                "--quick-gen-key",
                "Sender 25519 <source.25519@example.org>",
                "ed25519",
                "sign",
                "never");
        gpg.ok(
                "--passphrase",
                "",
                "--quick-gen-key",
                "Sender P-256 <source.p256@example.org>",
                "nistp256",
                "sign",
                "never");
        rsaSender = exported("source.rsa@example.org");
        ecdsaSender = exported("source.p256@example.org");
        curveSender = exported("source.25519@example.org");
        gpg.ok(TestKeys.bridge().certificate().armored().getBytes(UTF_8), "--import");
    }

    @AfterAll
    static void stop() throws Exception {
        gpg.close();
    }

    private static String fingerprintOf(String email) throws Exception {
        String colons = gpg.ok("--with-colons", "--list-keys", email).text();
        return colons.lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
    }

    private static Certificate exported(String email) throws Exception {
        byte[] armored = gpg.ok("--armor", "--export", email).stdout();
        return PGP.readCertificates(new ByteArrayInputStream(armored)).get(0);
    }

    private static DecryptOptions knowing(Certificate... verifiers) {
        return new DecryptOptions(TestKeys.bridge().key(), List.of(verifiers), fp -> Optional.empty(), MAX);
    }

    private static byte[] gpgSignEncrypt(String email, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--armor",
                "--sign",
                "--local-user",
                email,
                "--encrypt",
                "--recipient",
                TestKeys.bridge().certificate().fingerprint().hex()));
        args.addAll(List.of(extra));
        return gpg.ok(TEXT.getBytes(UTF_8), args.toArray(String[]::new)).stdout();
    }

    @Test
    void generatedKeyIsV4Curve25519AndGpgCanEncryptToIt() throws Exception {
        String colons = gpg.ok(
                        "--with-colons",
                        "--list-keys",
                        TestKeys.bridge().certificate().fingerprint().hex())
                .text();
        assertThat(colons)
                .contains("pub:-:255:22:")
                .contains("sub:-:255:18:")
                .contains("ed25519")
                .contains("cv25519");
        assertThat(colons.lines().filter(l -> l.startsWith("pub:") || l.startsWith("sub:")))
                .allSatisfy(l -> assertThat(l.split(":")[6]).as("no expiry").isEmpty());
        String packets = gpg.ok(TestKeys.bridge().certificate().encoded(), "--list-packets")
                .text();
        assertThat(packets)
                .contains("version 4")
                .contains("pref-hash-algos: 10")
                .contains("pref-sym-algos: 9 7")
                .contains("features: 01");

        byte[] message = gpg.ok(
                        TEXT.getBytes(UTF_8),
                        "--encrypt",
                        "--recipient",
                        TestKeys.bridge().certificate().fingerprint().hex())
                .stdout();
        TestKeys.Decrypted decrypted = TestKeys.decrypt(message, knowing());
        assertThat(new String(decrypted.plaintext(), UTF_8)).isEqualTo(TEXT);
        assertThat(decrypted.result().encrypted()).isTrue();
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.NONE);
    }

    @Test
    void decryptsAndVerifiesGpgRsaSignedMessage() throws Exception {
        TestKeys.Decrypted decrypted = TestKeys.decrypt(gpgSignEncrypt("source.rsa@example.org"), knowing(rsaSender));
        assertThat(new String(decrypted.plaintext(), UTF_8)).isEqualTo(TEXT);
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(decrypted.result().signer()).contains(rsaSender.fingerprint());
    }

    @Test
    void decryptsAndVerifiesGpgCurve25519SignedMessage() throws Exception {
        TestKeys.Decrypted decrypted =
                TestKeys.decrypt(gpgSignEncrypt("source.25519@example.org"), knowing(curveSender));
        assertThat(new String(decrypted.plaintext(), UTF_8)).isEqualTo(TEXT);
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(decrypted.result().signer()).contains(curveSender.fingerprint());
    }

    @Test
    void textModeSignedMessageDoesNotBreakVerification() throws Exception {
        byte[] message = gpgSignEncrypt("source.25519@example.org", "--textmode");
        TestKeys.Decrypted decrypted = TestKeys.decrypt(message, knowing(curveSender));
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        // gpg writes text-mode literal data with CRLF line ends; we hand them over as sent.
        assertThat(new String(decrypted.plaintext(), UTF_8).replace("\r\n", "\n"))
                .isEqualTo(TEXT);
    }

    @Test
    void compressedGpgMessageDecrypts() throws Exception {
        byte[] message = gpgSignEncrypt("source.rsa@example.org", "--compress-algo", "zlib");
        assertThat(TestKeys.decrypt(message, knowing(rsaSender)).result().signature())
                .isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void gpgDecryptsOurSignedMessage() throws Exception {
        gpg.ok(TestKeys.sender().certificate().armored().getBytes(UTF_8), "--import");
        gpg.ok(rsaSender.armored().getBytes(UTF_8), "--import");
        EncryptOptions options = new EncryptOptions(
                List.of(rsaSender), Optional.of(TestKeys.sender().key()), true, false);
        byte[] message = TestKeys.encrypt(TEXT.getBytes(UTF_8), options);

        Gpg.Result result = gpg.ok(message, "--status-fd", "2", "--decrypt");
        assertThat(result.text()).isEqualTo(TEXT);
        assertThat(result.stderr())
                .contains("[GNUPG:] GOODSIG")
                .contains("[GNUPG:] DECRYPTION_OKAY")
                .contains("[GNUPG:] VALIDSIG "
                        + TestKeys.sender().certificate().fingerprint().hex());
    }

    @Test
    void gpgVerifiesOurDetachedSignature() throws Exception {
        gpg.ok(TestKeys.sender().certificate().armored().getBytes(UTF_8), "--import");
        java.io.ByteArrayOutputStream signature = new java.io.ByteArrayOutputStream();
        PGP.signDetached(
                new ByteArrayInputStream(TEXT.getBytes(UTF_8)),
                TestKeys.sender().key(),
                signature);
        java.nio.file.Path data = gpg.home().resolve("data.txt");
        java.nio.file.Path sig = gpg.home().resolve("data.txt.asc");
        java.nio.file.Files.writeString(data, TEXT);
        java.nio.file.Files.write(sig, signature.toByteArray());

        Gpg.Result result = gpg.ok("--status-fd", "2", "--verify", sig.toString(), data.toString());
        assertThat(result.stderr()).contains("[GNUPG:] GOODSIG");
    }

    @Test
    void decryptsAndVerifiesGpgEcdsaSignedMessage() throws Exception {
        TestKeys.Decrypted decrypted =
                TestKeys.decrypt(gpgSignEncrypt("source.p256@example.org"), knowing(ecdsaSender));
        assertThat(new String(decrypted.plaintext(), UTF_8)).isEqualTo(TEXT);
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
    }

    @Test
    void armorDecoderReadsGpgOutput() throws Exception {
        byte[] attachment = new byte[1 << 20];
        new java.util.Random(13).nextBytes(attachment);
        byte[] armored = gpg.ok(
                        attachment,
                        "--armor",
                        "--sign",
                        "--local-user",
                        "source.rsa@example.org",
                        "--digest-algo",
                        "SHA256",
                        "--compress-algo",
                        "none",
                        "--encrypt",
                        "--recipient",
                        TestKeys.bridge().certificate().fingerprint().hex())
                .stdout();
        String text = new String(armored, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN PGP MESSAGE-----").contains("\n=");
        for (String variant : List.of(text, text.replace("\n", "\r\n"))) {
            TestKeys.Decrypted decrypted = TestKeys.decrypt(
                    new TrickleInputStream(variant.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 13, 9000),
                    knowing(rsaSender));
            assertThat(decrypted.plaintext()).isEqualTo(attachment);
            assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        }
    }

    @Test
    void verifiesGpgDetachedSignaturesOfEveryKeyType() throws Exception {
        byte[] entity = "Content-Type: text/plain\r\n\r\nfrom gpg\r\n".getBytes(UTF_8);
        Map<String, Certificate> senders = Map.of(
                "source.rsa@example.org",
                rsaSender,
                "source.25519@example.org",
                curveSender,
                "source.p256@example.org",
                ecdsaSender);
        for (Map.Entry<String, Certificate> sender : senders.entrySet()) {
            byte[] signature = gpg.ok(entity, "--armor", "--detach-sign", "--local-user", sender.getKey())
                    .stdout();
            DetachedVerification verification = PGP.verifyDetached(
                    new ByteArrayInputStream(entity), new ByteArrayInputStream(signature), knowing(sender.getValue()));
            assertThat(verification.status()).as(sender.getKey()).isEqualTo(SignatureStatus.VERIFIED);
            entity[entity.length - 3] ^= 1;
            assertThat(PGP.verifyDetached(
                                    new ByteArrayInputStream(entity),
                                    new ByteArrayInputStream(signature),
                                    knowing(sender.getValue()))
                            .status())
                    .as(sender.getKey() + ", changed")
                    .isEqualTo(SignatureStatus.BAD);
            entity[entity.length - 3] ^= 1;
        }
    }
}
