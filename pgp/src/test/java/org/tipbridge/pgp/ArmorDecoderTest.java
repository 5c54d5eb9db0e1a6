// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our bulk armor decoder ({@link Unarmoring}, {@link ArmorDecoder}) against Bouncy Castle's and the JDK's encoders. */
class ArmorDecoderTest {
    private static byte[] random(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] decode(InputStream armored) throws IOException {
        return Unarmoring.decoderStream(armored).readAllBytes();
    }

    private static byte[] decode(String armored) throws IOException {
        return decode(new ByteArrayInputStream(armored.getBytes(US_ASCII)));
    }

    /** Armor as gpg and Bouncy Castle write it, with the JDK's encoder and an optional checksum line. */
    private static String jdkArmor(byte[] data, String newline, String checksum) {
        String body = Base64.getMimeEncoder(64, newline.getBytes(US_ASCII)).encodeToString(data);
        return "-----BEGIN PGP MESSAGE-----" + newline + "Comment: made by the test" + newline + newline + body
                + (body.isEmpty() ? "" : newline) + checksum + "-----END PGP MESSAGE-----" + newline;
    }

    private static PgpException failureOf(String armored) {
        try {
            decode(armored);
        } catch (PgpStreamException e) {
            return e.failure();
        } catch (IOException e) {
            throw new AssertionError("untyped failure", e);
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void armorDecoderHandlesCrlfAndLf() throws Exception {
        byte[] data = random(3000, 1);
        String lf = Armor.of(data);
        assertThat(lf).doesNotContain("\r");
        assertThat(decode(lf)).isEqualTo(data);
        assertThat(decode(lf.replace("\n", "\r\n"))).isEqualTo(data);
        assertThat(decode(lf.replace("\n", "  \t\r\n"))).as("trailing blanks").isEqualTo(data);
        assertThat(decode(jdkArmor(data, "\r\n", ""))).isEqualTo(data);
    }

    @Test
    void armorDecoderRejectsBadCrc() throws Exception {
        String armored = Armor.of(random(1000, 2));
        int crc = armored.indexOf("\n=") + 2;
        char flipped = armored.charAt(crc) == 'A' ? 'B' : 'A';
        String bad = armored.substring(0, crc) + flipped + armored.substring(crc + 1);
        assertThat(failureOf(bad)).isInstanceOf(PgpException.Malformed.class).hasMessageContaining("checksum");
        assertThat(failureOf(armored.substring(0, crc) + "***" + armored.substring(crc + 3)))
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void armorDecoderAcceptsMissingChecksumAndTextAroundTheBlock() throws Exception {
        byte[] data = random(777, 3);
        assertThat(decode(jdkArmor(data, "\n", ""))).isEqualTo(data);
        assertThat(decode("Hello,\nsee below.\n\n" + Armor.of(data) + "\nregards\n"))
                .isEqualTo(data);
    }

    @Test
    void armorDecoderRejectsGarbageAsMalformed() {
        String good = jdkArmor(random(500, 4), "\n", "");
        int body = good.indexOf("\n\n") + 2;
        assertThat(failureOf(good.substring(0, body + 10) + "*" + good.substring(body + 11)))
                .as("a character outside base64")
                .isInstanceOf(PgpException.Malformed.class);
        assertThat(failureOf(good.substring(0, good.indexOf("-----END"))))
                .as("no END line")
                .isInstanceOf(PgpException.Malformed.class);
        assertThat(failureOf(good.replace("Comment: made by the test", "not a header")))
                .as("header without a colon")
                .isInstanceOf(PgpException.Malformed.class);
        assertThat(failureOf("no armor here\nat all\n")).isInstanceOf(PgpException.Malformed.class);
        assertThat(failureOf("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nhello\n"))
                .as("cleartext signatures are not supported")
                .isInstanceOf(PgpException.Malformed.class);
        assertThat(failureOf(jdkArmor(random(10, 5), "\n", "").replace("==\n", "=\n")))
                .as("wrong padding")
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void armorBoundaryAtEveryOffset() throws Exception {
        Random sizes = new Random(6);
        for (int round = 0; round < 400; round++) {
            int size = round < 70 ? round : sizes.nextInt(5001);
            byte[] data = random(size, round);
            String bc = Armor.of(data);
            String jdk = jdkArmor(data, round % 2 == 0 ? "\n" : "\r\n", "");
            assertThat(decode(bc)).as("BC armor, %d bytes", size).isEqualTo(data);
            assertThat(decode(jdk)).as("JDK base64, %d bytes", size).isEqualTo(data);
            byte[] trickled = decode(new TrickleInputStream(bc.getBytes(US_ASCII), round, 1 + round % 97));
            assertThat(trickled).as("BC armor in pieces, %d bytes", size).isEqualTo(data);
            assertThat(readByteByByte(Unarmoring.decoderStream(new ByteArrayInputStream(jdk.getBytes(US_ASCII)))))
                    .as("single-byte reads, %d bytes", size)
                    .isEqualTo(data);
        }
    }

    @Test
    void binaryInputPassesThroughUnchanged() throws Exception {
        byte[] message = TestKeys.encrypt(
                random(70_000, 7),
                EncryptOptions.to(java.util.List.of(TestKeys.bridge().certificate())));
        assertThat(message[0] & 0x80).isNotZero();
        assertThat(decode(new TrickleInputStream(message, 7, 5000))).isEqualTo(message);
    }

    @Test
    void bareBase64WithoutArmorLinesDecodes() throws Exception {
        byte[] message = TestKeys.encrypt(
                random(300, 8),
                EncryptOptions.to(java.util.List.of(TestKeys.bridge().certificate())));
        String bare = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(message) + "\n";
        assertThat(decode(bare)).isEqualTo(message);
    }

    @Test
    void armoredMessageWithBadChecksumFailsAtCloseAsMalformed() throws Exception {
        EncryptOptions armored = new EncryptOptions(
                java.util.List.of(TestKeys.bridge().certificate()), java.util.Optional.empty(), true, false);
        String message = new String(TestKeys.encrypt(random(5000, 9), armored), US_ASCII);
        int crc = message.indexOf("\n=") + 2;
        String bad = message.substring(0, crc) + (message.charAt(crc) == 'A' ? 'B' : 'A') + message.substring(crc + 1);
        assertThat(Failure.ofDecrypting(
                        bad.getBytes(US_ASCII),
                        DecryptOptions.with(TestKeys.bridge().key(), TestKeys.MAX)))
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void tamperedArmoredBodyIsStillAnIntegrityFailure() throws Exception {
        EncryptOptions armored = new EncryptOptions(
                java.util.List.of(TestKeys.bridge().certificate()), java.util.Optional.empty(), true, false);
        String message = new String(TestKeys.encrypt(random(5000, 10), armored), US_ASCII);
        int at = message.indexOf("\n\n") + 2 + 3000; // well inside the encrypted content
        String bad = message.substring(0, at) + (message.charAt(at) == 'A' ? 'B' : 'A') + message.substring(at + 1);
        assertThatThrownBy(() -> TestKeys.decrypt(
                        bad.getBytes(US_ASCII),
                        DecryptOptions.with(TestKeys.bridge().key(), TestKeys.MAX)))
                .isInstanceOf(PgpStreamException.class)
                .satisfies(e -> assertThat(((PgpStreamException) e).failure())
                        .isInstanceOf(PgpException.IntegrityFailure.class));
    }

    private static byte[] readByteByByte(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
