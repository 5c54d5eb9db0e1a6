// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.testing.MailBuilder;

class RedactedCopyTest {

    private static RedactedCopy.Copy roundTrip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactedCopy.write(new ByteArrayInputStream(raw), out);
        return RedactedCopy.read(new ByteArrayInputStream(out.toByteArray()));
    }

    private static String written(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactedCopy.write(new ByteArrayInputStream(raw), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void identifyingHeadersAreDroppedAndAllowlistedOnesKept() throws IOException {
        byte[] mail = MailBuilder.plain(
                MailBuilder.identifyingHeaders("jane.source@example.net", "q7")
                        + "Return-Path: <jane.source@example.net>\r\n"
                        + "Autocrypt: addr=jane.source@example.net; keydata=AAAA\r\n"
                        + "Cc: friend@example.org\r\n",
                "the shipment",
                "Trucks leave at dawn.");

        String copy = written(mail);
        RedactedCopy.Copy parsed = roundTrip(mail);

        assertThat(copy)
                .doesNotContainIgnoringCase("jane.source")
                .doesNotContain("example.net")
                .doesNotContain("friend@")
                .doesNotContain("198.51.100.77")
                .doesNotContain("203.0.113.45")
                .doesNotContain("Thunderbird")
                .doesNotContain("SourceMail")
                .doesNotContain("4711")
                .doesNotContain("13:37");
        assertThat(parsed.headers()).extracting(RedactedCopy.Header::name).contains("Subject");
        assertThat(parsed.headers())
                .extracting(RedactedCopy.Header::name)
                .allMatch(n -> CopyHeaders.ALLOWED.contains(n.toLowerCase(java.util.Locale.ROOT)));
        assertThat(new String(parsed.body(), StandardCharsets.UTF_8)).contains("Trucks leave at dawn.");
        assertThat(parsed.truncated()).isFalse();
    }

    @Test
    void foldedHeaderIsUnfoldedAndAFoldedForbiddenHeaderLeavesNoLine() throws IOException {
        byte[] mail = ("Subject: first part\r\n second part\r\n"
                        + "Received: from host-x\r\n\tby relay-y.example.net\r\n"
                        + "\r\nbody")
                .getBytes(StandardCharsets.US_ASCII);

        RedactedCopy.Copy copy = roundTrip(mail);

        assertThat(copy.headers()).containsExactly(new RedactedCopy.Header("Subject", "first part second part"));
        assertThat(written(mail)).doesNotContain("relay-y").doesNotContain("host-x");
    }

    @Test
    void giantHeaderIsDroppedAndNoted() throws IOException {
        byte[] mail = ("Subject: " + "x".repeat(CopyHeaders.HEADER_MAX + 10) + "\r\n"
                        + "Content-Type: text/plain\r\n\r\nbody")
                .getBytes(StandardCharsets.US_ASCII);

        RedactedCopy.Copy copy = roundTrip(mail);

        assertThat(copy.headers()).containsExactly(new RedactedCopy.Header("Content-Type", "text/plain"));
        assertThat(copy.headersDropped()).isEqualTo(1);
        assertThat(new String(copy.body(), StandardCharsets.US_ASCII)).isEqualTo("body");
    }

    @Test
    void bodyIsCutAtTheLimitAndMarkedTruncated() throws IOException {
        byte[] body = "y".repeat(RedactedCopy.BODY_MAX + 5).getBytes(StandardCharsets.US_ASCII);
        byte[] head = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] mail = new byte[head.length + body.length];
        System.arraycopy(head, 0, mail, 0, head.length);
        System.arraycopy(body, 0, mail, head.length, body.length);

        RedactedCopy.Copy copy = roundTrip(mail);

        assertThat(copy.truncated()).isTrue();
        assertThat(copy.body()).hasSize(RedactedCopy.BODY_MAX);
    }

    @Test
    void headerBlockWithoutEndKeepsNoBodyAndIsMarkedTruncated() throws IOException {
        StringBuilder block = new StringBuilder();
        while (block.length() <= CopyHeaders.BLOCK_MAX) {
            block.append("X-Filler: ").append("z".repeat(100)).append("\r\n");
        }
        RedactedCopy.Copy copy = roundTrip((block + "\r\nbody").getBytes(StandardCharsets.US_ASCII));

        assertThat(copy.truncated()).isTrue();
        assertThat(copy.body()).isEmpty();
        assertThat(copy.headers()).isEmpty();
    }

    private static final String SOURCE = "jane.source@example.net";

    /** A multipart/mixed mail from the source: a short text, then {@code parts} (each with its own headers). */
    private static byte[] mixed(String... parts) {
        StringBuilder mail = new StringBuilder(MailBuilder.identifyingHeaders(SOURCE, "m1"))
                .append("Subject: see attached\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"b-mail.example.net-1\"\r\n\r\n")
                .append("preamble\r\n--b-mail.example.net-1\r\nContent-Type: text/plain\r\n\r\nsee the files\r\n");
        for (String part : parts) {
            mail.append("--b-mail.example.net-1\r\n").append(part).append("\r\n");
        }
        return mail.append("--b-mail.example.net-1--\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String base64Lines(byte[] data) {
        return java.util.Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data);
    }

    /** Fails when {@code secret} is in the copy as text or base64 at any alignment (line breaks ignored). */
    private static void assertAbsent(String copy, String secret) {
        String flat = copy.replace("\r", "").replace("\n", "");
        assertThat(copy).doesNotContain(secret);
        byte[] bytes = secret.getBytes(StandardCharsets.ISO_8859_1);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = java.util.Base64.getEncoder().encodeToString(shifted);
            String core = encoded.substring(4, encoded.length() - 4);
            assertThat(flat).doesNotContain(core);
        }
    }

    /** An OpenPGP user id packet (old format, tag 13) naming the source, armored as a public key block. */
    private static String armoredPublicKey() {
        byte[] uid = ("Jane Source <" + SOURCE + ">").getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[2 + uid.length];
        packet[0] = (byte) 0xB4;
        packet[1] = (byte) uid.length;
        System.arraycopy(uid, 0, packet, 2, uid.length);
        return "-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n\r\n" + base64Lines(packet)
                + "\r\n-----END PGP PUBLIC KEY BLOCK-----";
    }

    /** A JPEG whose EXIF block names a GPS position and a camera serial number. */
    private static byte[] jpegWithExif() {
        String exif = "Exif\0\0GPSLatitude 52.520008N GPSLongitude 13.404954E BodySerialNumber CAM-SN-98765432";
        byte[] app1 = exif.getBytes(StandardCharsets.ISO_8859_1);
        byte[] jpeg = new byte[6 + app1.length + 2];
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        jpeg[3] = (byte) 0xE1;
        jpeg[4] = (byte) ((app1.length + 2) >> 8);
        jpeg[5] = (byte) (app1.length + 2);
        System.arraycopy(app1, 0, jpeg, 6, app1.length);
        jpeg[jpeg.length - 2] = (byte) 0xFF;
        jpeg[jpeg.length - 1] = (byte) 0xD9;
        return jpeg;
    }

    @Test
    void attachedPublicKeyExifPhotoAndForwardedHeadersLeaveOnlyTheirTypesAndSizes() throws IOException {
        byte[] mail = mixed(
                "Content-Type: application/pgp-keys; name=\"jane.asc\"\r\n"
                        + "Content-ID: <key1.77@mail.example.net>\r\n\r\n" + armoredPublicKey(),
                "Content-Type: image/jpeg; name=\"IMG_4711.jpg\"\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"IMG_4711.jpg\"\r\n\r\n"
                        + base64Lines(jpegWithExif()),
                "Content-Type: message/rfc822\r\n\r\nFrom: Boss <boss@corp.example>\r\nTo: Jane Source <" + SOURCE
                        + ">\r\nSubject: forwarded\r\n\r\nthe original",
                "Content-Type: text/rfc822-headers\r\n\r\nReceived: from pc-jane.home.example.net\r\n");

        String copy = written(mail);
        RedactedCopy.Copy parsed = roundTrip(mail);

        for (String secret : List.of(
                SOURCE,
                "Jane Source",
                "jane.asc",
                "example.net",
                "GPSLatitude 52.520008N",
                "CAM-SN-98765432",
                "IMG_4711",
                "boss@corp.example",
                "pc-jane")) {
            assertAbsent(copy, secret);
        }
        String raw = new String(mail, StandardCharsets.ISO_8859_1);
        for (String hidden : List.of("Jane Source <" + SOURCE, "GPSLatitude 52.520008N", "CAM-SN-98765432")) {
            // The detector finds them in the message itself (only as base64 there): it can fail.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertAbsent(raw, hidden))
                    .isInstanceOf(AssertionError.class);
        }
        assertThat(parsed.bodyKind()).isEqualTo("parts");
        assertThat(new String(parsed.body(), StandardCharsets.UTF_8))
                .contains("multipart/mixed")
                .contains("1. text/plain, 13")
                .contains("2. application/pgp-keys, ")
                .contains("3. image/jpeg, ")
                .contains("4. message/rfc822, ")
                .contains("5. text/rfc822-headers, ")
                .doesNotContain("see the files");
        assertThat(parsed.headers()).contains(new RedactedCopy.Header("Content-Type", "multipart/mixed"));
    }

    @Test
    void anEncryptedBodyKeepsNeitherItsArmorNorItsRecipientKeyIds() throws IOException {
        byte[] pkesk = {(byte) 0x84, 12, 3, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 1, 2, 3, 4};
        String armor = "-----BEGIN PGP MESSAGE-----\r\n\r\n" + base64Lines(pkesk) + "\r\n-----END PGP MESSAGE-----\r\n";
        byte[] pgpMime = MailBuilder.pgpMime(
                MailBuilder.identifyingHeaders(SOURCE, "e1"), "sealed", armor.getBytes(StandardCharsets.US_ASCII));
        byte[] inline = MailBuilder.plain(MailBuilder.identifyingHeaders(SOURCE, "e2"), "inline", armor);

        for (byte[] mail : List.of(pgpMime, inline)) {
            String copy = written(mail);
            RedactedCopy.Copy parsed = roundTrip(mail);

            assertThat(parsed.bodyKind()).isEqualTo("encrypted");
            assertThat(copy)
                    .doesNotContain("BEGIN PGP")
                    .doesNotContain(base64Lines(pkesk).substring(0, 12));
            assertAbsent(copy, SOURCE);
        }
    }

    @Test
    void aSingleTextPartIsKeptDecodedFromItsTransferEncodingAndCharset() throws IOException {
        byte[] latin = "Grüße aus Köln".getBytes(StandardCharsets.ISO_8859_1);
        byte[] base64 = ("Subject: b\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(latin) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] qp = ("Subject: q\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe soft=\r\nbreak\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        RedactedCopy.Copy fromBase64 = roundTrip(base64);
        RedactedCopy.Copy fromQp = roundTrip(qp);

        assertThat(new String(fromBase64.body(), StandardCharsets.UTF_8)).isEqualTo("Grüße aus Köln");
        assertThat(new String(fromQp.body(), StandardCharsets.UTF_8)).isEqualTo("Grüße softbreak\r\n");
        assertThat(fromBase64.headers())
                .containsExactly(
                        new RedactedCopy.Header("Subject", "b"), new RedactedCopy.Header("Content-Type", "text/plain"));
        assertThat(fromQp.bodyKind()).isEqualTo("text");
    }

    @Test
    void aPartListStopsAtFiftyEntriesAndIsMarkedIncomplete() throws IOException {
        String[] parts = new String[80];
        java.util.Arrays.fill(parts, "Content-Type: application/octet-stream\r\n\r\nxyz");

        RedactedCopy.Copy copy = roundTrip(mixed(parts));

        String body = new String(copy.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("50. application/octet-stream, 3").doesNotContain("51. ");
        assertThat(body).contains("incomplete");
    }

    @Test
    void aMultipartWithoutItsBoundaryIsUnreadableAndKeepsNoByte() throws IOException {
        byte[] mail = ("Content-Type: multipart/mixed; boundary=nowhere\r\n\r\n"
                        + "Content-Type: text/plain\r\n\r\nsecret words " + SOURCE + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        RedactedCopy.Copy copy = roundTrip(mail);

        assertThat(copy.bodyKind()).isEqualTo("unreadable");
        assertThat(written(mail)).doesNotContain("secret words").doesNotContain(SOURCE);
    }
}
