// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.SignatureStatus;

/** The sender's key material (signatures, keys: fingerprints, key ids, user ids) never reaches the record. */
class MailKeyMaterialTest {
    private static final String FP = "1111222233334444555566667777888899990000";
    private static final String KEY_ID = "7777888899990000";
    private static final String SIGNATURE = "-----BEGIN PGP SIGNATURE-----\n\n"
            + "iHUEARYKAB0WIQQREiIzM0REVVVmZnd3iIiZmQAABQJmAAAACgkQd3eIiJmZAAA\n"
            + "=" + KEY_ID.substring(0, 4) + "\n-----END PGP SIGNATURE-----\n";
    private final Parsing parsing = Parsing.plaintextAllowed();

    private ParsedMail withParts(String... parts) throws Exception {
        return parsing.parse(TestMail.message("", TestMail.multipart("mixed", List.of(parts))));
    }

    private static String clearsigned(String text) {
        return "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n" + text
                + SIGNATURE.replace("\n\n", "\nComment: " + FP + "\n\n");
    }

    @Test
    void clearsignedBodyKeepsOnlyTheSignedText() throws Exception {
        ParsedMail mail = parsing.parse(
                TestMail.message("", TestMail.text(clearsigned("Trucks leave at dawn.\n- -- not a signature\n"))));
        assertThat(mail.body()).isEqualTo("Trucks leave at dawn.\n-- not a signature");
        assertThat(mail.body()).doesNotContain("BEGIN PGP", "Hash:", "SHA512", FP, KEY_ID.substring(0, 4), "iHUE");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(mail.warnings()).containsExactly(ClearSigned.NOT_CHECKED);
    }

    @Test
    void textAroundAClearsignedBlockIsDropped() throws Exception {
        String body = "forwarded by a friend\n\n" + clearsigned("the signed tip\n") + "\ntrailing footer\n";
        ParsedMail mail = parsing.parse(TestMail.message("", TestMail.text(body)));
        assertThat(mail.body()).isEqualTo("the signed tip");
        assertThat(mail.warnings()).contains(ClearSigned.OUTSIDE_IGNORED, ClearSigned.NOT_CHECKED);
    }

    @Test
    void clearsignedPlaintextInsideInlineEncryptionKeepsOnlyTheSignedText() throws Exception {
        String inline = FakeOpenPgp.encrypt("ok", "-", clearsigned("sealed and signed\n"));
        ParsedMail mail = Parsing.encryptedOnly().parse(TestMail.message("", TestMail.text(inline)));
        assertThat(mail.body()).isEqualTo("sealed and signed");
        assertThat(mail.signature()).isEqualTo(SignatureStatus.UNVERIFIED);
    }

    @Test
    void signaturePartOfSignedMultipartWithoutProtocolIsNotAnAttachment() throws Exception {
        String signed = TestMail.multipart(
                "signed",
                "; micalg=pgp-sha512",
                List.of(
                        TestMail.text("tip\n"),
                        TestMail.entity(
                                "Content-Type: application/pgp-signature; name=\"signature.asc\"\n", SIGNATURE)));
        ParsedMail mail = parsing.parse(TestMail.message("", signed));
        assertThat(mail.body()).isEqualTo("tip");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.warnings()).contains(KeyMaterial.REMOVED);
    }

    @Test
    void signaturesAndKeysDisguisedAsFilesAreNeverSealed() throws Exception {
        byte[] binarySignature = {(byte) 0x88, 0x75, 0x04, 0x00, 0x16, 0x0a};
        byte[] privateKey = "\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgE\n".getBytes(StandardCharsets.US_ASCII);
        ParsedMail mail = withParts(
                TestMail.text("tip"),
                TestMail.attachment("application/octet-stream", "report.pdf.sig", binarySignature),
                TestMail.attachment("text/plain", "notes.txt", SIGNATURE.getBytes(StandardCharsets.US_ASCII)),
                TestMail.attachment("application/octet-stream", "backup.bin", privateKey),
                TestMail.attachment("application/pdf", "real.pdf", new byte[] {(byte) 0x89, 'P', 'D', 'F'}));
        assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("real.pdf");
        assertThat(mail.senderKeys()).isEmpty();
        assertThat(mail.warnings()).contains(KeyMaterial.REMOVED);
    }

    @Test
    void straySignatureInBodyTextIsCutOut() throws Exception {
        ParsedMail mail =
                parsing.parse(TestMail.message("", TestMail.text("see attached\n\n" + SIGNATURE + "\nbye\n")));
        assertThat(mail.body()).startsWith("see attached").endsWith("bye").doesNotContain("PGP", "iHUE");
        assertThat(mail.warnings()).containsExactly(KeyMaterial.REMOVED);
    }

    @Test
    void unterminatedSignatureArmorDoesNotSwallowTheRestOfTheTip() throws Exception {
        String cut = SIGNATURE.substring(0, SIGNATURE.indexOf("-----END"));
        ParsedMail mail =
                parsing.parse(TestMail.message("", TestMail.text("before\n\n" + cut + "\nthe trucks leave at dawn\n")));
        assertThat(mail.body())
                .startsWith("before")
                .endsWith("the trucks leave at dawn")
                .doesNotContain("PGP", "iHUE");
        assertThat(mail.warnings()).containsExactly(KeyMaterial.REMOVED);
    }

    @Test
    void publicKeyPastedIntoBodyTextBecomesASenderKey() throws Exception {
        String pasted = "my key:\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + FakeOpenPgp.key(FP)
                + "\n-----END PGP PUBLIC KEY BLOCK-----\nthanks\n";
        ParsedMail mail = parsing.parse(TestMail.message("", TestMail.text(pasted)));
        assertThat(mail.body()).isEqualTo("my key:\n\nthanks");
        assertThat(mail.senderKeys())
                .extracting(k -> new String(k, StandardCharsets.US_ASCII))
                .containsExactly(FakeOpenPgp.key(FP));
    }

    @Test
    void overLimitKeyPartIsDroppedNotAttached() throws Exception {
        StringBuilder key = new StringBuilder("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + FakeOpenPgp.key(FP) + "\n");
        while (key.length() < 2 * 1024 * 1024) {
            key.append("A".repeat(64)).append('\n');
        }
        String part =
                TestMail.entity("Content-Type: application/pgp-keys\n", key + "-----END PGP PUBLIC KEY BLOCK-----\n");
        ParsedMail mail = withParts(TestMail.text("tip"), part);
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.senderKeys()).isEmpty();
        assertThat(mail.warnings()).contains(KeyMaterial.REMOVED).doesNotContain(SenderKeys.TOO_MANY);
    }

    @Test
    void keepsAtMostFourSenderKeys() throws Exception {
        List<String> parts = new ArrayList<>(List.of(TestMail.text("tip")));
        for (int i = 0; i < 6; i++) {
            parts.add(TestMail.entity(
                    "Content-Type: application/pgp-keys\n",
                    FakeOpenPgp.key(FP.replace('1', (char) ('a' + i)).toUpperCase()) + "\n"));
        }
        ParsedMail mail = withParts(parts.toArray(String[]::new));
        assertThat(mail.senderKeys()).hasSize(SenderKeys.MAX_KEYS);
        assertThat(mail.warnings()).contains(SenderKeys.TOO_MANY);
    }

    @Test
    void keepsAtMostOneMebibyteOfSenderKeys() throws Exception {
        String padding = ("A".repeat(63) + "\n").repeat(10_000);
        String first = TestMail.entity("Content-Type: application/pgp-keys\n", FakeOpenPgp.key(FP) + "\n" + padding);
        String second = TestMail.entity(
                "Content-Type: application/pgp-keys\n", FakeOpenPgp.key(FP.replace('1', 'F')) + "\n" + padding);
        ParsedMail mail = withParts(TestMail.text("tip"), first, second);
        assertThat(mail.senderKeys()).hasSize(1);
        assertThat(mail.warnings()).contains(SenderKeys.TOO_MANY);
    }
}
