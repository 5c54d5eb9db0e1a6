// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tipbridge.bridge.testing.Gpg;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;

/** Composed mail read back by real gpg and by Jakarta Mail's parser: content, signature, headers, encoding. */
class MailComposerTest {
    private static final String BRIDGE = "tips@tips.example";
    private static final String SOURCE = "source@example.net";
    private static final String MESSAGE_ID = "k3x9q2w7@tips.example";
    private static final Instant DATE = Instant.parse("2024-03-05T14:07:00Z");
    private static final String SUBJECT = "Your report about the ivory shipment";
    private static final String TEXT = "Thank you. We read your report.\nCould you say which port?\n";
    private static final List<String> OUTER_ENCRYPTED =
            List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type");
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    private static OpenPgp pgp;
    private static Gpg gpg;
    private static GeneratedKey bridge;
    private static Certificate source;
    private static MailComposer composer;

    @BeforeAll
    static void keys() throws Exception {
        pgp = OpenPgp.create();
        gpg = new Gpg(dir.resolve("gnupg"));
        String sourceFingerprint = gpg.generate("Source <" + SOURCE + ">", false);
        source = pgp.readCertificates(new ByteArrayInputStream(gpg.exportPublic(sourceFingerprint)))
                .get(0);
        bridge = pgp.generateKey("Tip line <" + BRIDGE + ">", "bridge-passphrase".toCharArray());
        gpg.importKey(bridge.certificate().armored().getBytes(StandardCharsets.US_ASCII));
        composer = new MailComposer(pgp, bridge.key(), new SecureRandom());
    }

    @AfterAll
    static void destroyKey() {
        bridge.key().destroy();
    }

    private static OutgoingMail reply(String subject, String text) {
        return new OutgoingMail(BRIDGE, SOURCE, subject, text, DATE, MESSAGE_ID, false);
    }

    private static OutgoingMail acknowledgement() {
        return new OutgoingMail(BRIDGE, SOURCE, "We received your tip", "Received.", DATE, MESSAGE_ID, true);
    }

    @Test
    void encryptedMailDecryptsWithGpgToTheProtectedEntity() throws Exception {
        byte[] mail = composer.encrypted(reply(SUBJECT, TEXT), source);
        byte[] entity = decrypt(mail).plaintext();
        MimeMessage inner = parse(entity);
        assertThat(inner.getContentType()).isEqualTo("text/plain; charset=utf-8; protected-headers=\"v1\"");
        assertThat(inner.getSubject()).isEqualTo(SUBJECT);
        assertThat(inner.getHeader("From", null)).isEqualTo(BRIDGE);
        assertThat(inner.getHeader("To", null)).isEqualTo(SOURCE);
        assertThat(inner.getHeader("Date", null)).isEqualTo("Tue, 5 Mar 2024 14:07:00 +0000");
        assertThat(inner.getHeader("Message-ID", null)).isEqualTo("<" + MESSAGE_ID + ">");
        assertThat(decodedText(inner)).isEqualTo(TEXT.replace("\n", "\r\n") + "\r\n");
        assertWellFormed(entity);
    }

    @Test
    void encryptedMailIsSignedByTheBridgeKey() throws Exception {
        String status =
                decrypt(composer.encrypted(reply(SUBJECT, TEXT), source)).status();
        String fingerprint = bridge.certificate().fingerprint().hex();
        assertThat(status).contains("[GNUPG:] GOODSIG ").contains("[GNUPG:] VALIDSIG " + fingerprint);
        assertThat(status).doesNotContain("BADSIG", "ERRSIG");
    }

    @Test
    void outerHeadersAreExactlyTheAllowedSetAndHideTheSubject() throws Exception {
        byte[] mail = composer.encrypted(reply(SUBJECT, TEXT), source);
        assertThat(headerNames(mail)).containsExactlyElementsOf(OUTER_ENCRYPTED);
        MimeMessage outer = parse(mail);
        assertThat(outer.getHeader("Subject", null)).isEqualTo("...");
        assertThat(outer.getHeader("Date", null)).isEqualTo("Tue, 5 Mar 2024 14:07:00 +0000");
        assertThat(outer.getHeader("Message-ID", null)).isEqualTo("<" + MESSAGE_ID + ">");
        assertThat(outer.getContentType()).startsWith("multipart/encrypted; protocol=\"application/pgp-encrypted\";");
        assertThat(new String(mail, StandardCharsets.US_ASCII)).doesNotContain("ivory", "report");
    }

    @Test
    void encryptedMailHasTheTwoRfc3156Parts() throws Exception {
        String mail = new String(composer.encrypted(reply(SUBJECT, TEXT), source), StandardCharsets.US_ASCII);
        String boundary = boundaryOf(mail);
        String body = mail.substring(mail.indexOf("\r\n\r\n") + 4);
        assertThat(body)
                .startsWith("--" + boundary + "\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                        + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n"
                        + "-----BEGIN PGP MESSAGE-----\r\n\r\n")
                .endsWith("-----END PGP MESSAGE-----\r\n--" + boundary + "--\r\n");
    }

    @Test
    void boundariesAreRandom() throws Exception {
        String first =
                boundaryOf(new String(composer.encrypted(reply(SUBJECT, TEXT), source), StandardCharsets.US_ASCII));
        String second =
                boundaryOf(new String(composer.encrypted(reply(SUBJECT, TEXT), source), StandardCharsets.US_ASCII));
        assertThat(first).isNotEqualTo(second).hasSize(32).matches("[A-Za-z0-9]+");
    }

    @Test
    void dateIsUtcRoundedToTheMinute() {
        OutgoingMail late = new OutgoingMail(
                BRIDGE, SOURCE, SUBJECT, TEXT, Instant.parse("2024-12-31T23:59:59.999Z"), MESSAGE_ID, false);
        assertThat(new String(composer.plaintext(late), StandardCharsets.US_ASCII))
                .contains("\r\nDate: Tue, 31 Dec 2024 23:59:00 +0000\r\n");
    }

    @Test
    void nothingNamesThisMachineOrThisSoftware() throws Exception {
        byte[] encrypted = composer.encrypted(acknowledgement(), source);
        byte[] inner = decrypt(encrypted).plaintext();
        byte[] plain = composer.plaintext(acknowledgement());
        InetAddress local = InetAddress.getLocalHost();
        for (byte[] message : List.of(encrypted, inner, plain)) {
            String structure = withoutArmorLines(new String(message, StandardCharsets.US_ASCII));
            for (String host : List.of(local.getHostName(), local.getCanonicalHostName())) {
                assertThat(structure)
                        .doesNotContainPattern("(?<![A-Za-z0-9.-])" + Pattern.quote(host) + "(?![A-Za-z0-9-])");
            }
            String headers = allHeaderLines(structure).toLowerCase(Locale.ROOT);
            assertThat(headers).doesNotContain("java", "jakarta", "tipbridge", "angus", "bouncy", "bcpg", "mailer");
            assertThat(headers)
                    .doesNotContainPattern(
                            "(?m)^(user-agent|received|reply-to|in-reply-to|references|organization|x-[a-z-]*):");
        }
    }

    @Test
    void linesEndInCrlfAndStayShort() throws Exception {
        String longWords = "word ".repeat(400).strip();
        String oneLongWord = "x".repeat(2000);
        for (String subject : List.of(longWords, oneLongWord, "é".repeat(600), "🦏".repeat(300))) {
            String text = oneLongWord + "\n" + "é".repeat(1500) + "\n" + longWords + "\r\n";
            assertWellFormed(composer.plaintext(reply(subject, text)));
            assertWellFormed(composer.encrypted(reply(subject, text), source));
        }
    }

    static Stream<OutgoingMail> injections() {
        String evil = "\r\nBcc: evil@attacker.example";
        return Stream.of(
                reply(SUBJECT + evil, TEXT),
                reply(SUBJECT + "\nBcc: evil@attacker.example", TEXT),
                reply(SUBJECT + "\rBcc: evil@attacker.example", TEXT),
                reply(SUBJECT + "\u0000evil", TEXT),
                reply(SUBJECT + "\u0085evil", TEXT),
                reply(SUBJECT + "\u2028evil", TEXT),
                reply(SUBJECT + "\tevil", TEXT),
                new OutgoingMail(BRIDGE, SOURCE + evil, SUBJECT, TEXT, DATE, MESSAGE_ID, false),
                new OutgoingMail(BRIDGE + evil, SOURCE, SUBJECT, TEXT, DATE, MESSAGE_ID, false),
                new OutgoingMail(BRIDGE, "Evil <evil@attacker.example>", SUBJECT, TEXT, DATE, MESSAGE_ID, false),
                new OutgoingMail(BRIDGE, SOURCE + ", evil@attacker.example", SUBJECT, TEXT, DATE, MESSAGE_ID, false),
                new OutgoingMail(BRIDGE, SOURCE, SUBJECT, TEXT, DATE, MESSAGE_ID + ">" + evil, false),
                new OutgoingMail(BRIDGE, SOURCE, SUBJECT, TEXT, DATE, "evil", false));
    }

    @ParameterizedTest
    @MethodSource("injections")
    void headerInjectionIsRefused(OutgoingMail mail) {
        assertThatThrownBy(() -> composer.plaintext(mail))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("evil", "attacker", SOURCE, SUBJECT);
        assertThatThrownBy(() -> composer.encrypted(mail, source))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("evil", "attacker", SOURCE, SUBJECT);
    }

    static Stream<String> subjects() {
        return Stream.of(
                "Ripoti yako imepokelewa — asante sana!",
                "Accusé de réception : « dossier n° 42 », merci",
                "🐘🦏 ndovu na kifaru 🐘",
                "=?utf-8?B?bm90IGVuY29kZWQ=?= taken literally",
                "  two leading spaces, trailing ones  ",
                "Habari za ripoti yako kuhusu pembe za ndovu, tumeipokea na tunaishughulikia sasa hivi — ".repeat(4));
    }

    @ParameterizedTest
    @MethodSource("subjects")
    void subjectAndTextRoundTripInThePlaintextForm(String subject) throws Exception {
        String text = "Habari,\nTumepokea ripoti yako.\n\nMerci beaucoup — à bientôt 🌍";
        MimeMessage message = parse(composer.plaintext(reply(subject, text)));
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(decodedText(message)).isEqualTo(text.replace("\n", "\r\n") + "\r\n");
    }

    @Test
    void nonAsciiSubjectAndTextRoundTripThroughGpg() throws Exception {
        String subject = "Accusé de réception — ripoti yako 🐘";
        String text = "Tumepokea ripoti yako.\nMerci, à bientôt 🌍\n.\nFrom here on, = signs stay =\n";
        MimeMessage inner =
                parse(decrypt(composer.encrypted(reply(subject, text), source)).plaintext());
        assertThat(inner.getSubject()).isEqualTo(subject);
        assertThat(decodedText(inner)).isEqualTo(text.replace("\n", "\r\n") + "\r\n");
    }

    @Test
    void plaintextFormHasTheRealSubjectAndAQuotedPrintableBody() throws Exception {
        byte[] mail = composer.plaintext(reply(SUBJECT, TEXT));
        assertThat(headerNames(mail))
                .containsExactly(
                        "From",
                        "To",
                        "Subject",
                        "Date",
                        "Message-ID",
                        "MIME-Version",
                        "Content-Type",
                        "Content-Transfer-Encoding");
        MimeMessage message = parse(mail);
        assertThat(message.getSubject()).isEqualTo(SUBJECT);
        assertThat(message.getContentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(message.getEncoding()).isEqualTo("quoted-printable");
        assertThat(decodedText(message)).isEqualTo(TEXT.replace("\n", "\r\n") + "\r\n");
        assertWellFormed(mail);
    }

    @Test
    void acknowledgementIsAutoSubmittedAndAReplyIsNot() throws Exception {
        assertThat(headerNames(composer.encrypted(acknowledgement(), source))).contains("Auto-Submitted");
        assertThat(parse(composer.plaintext(acknowledgement())).getHeader("Auto-Submitted", null))
                .isEqualTo("auto-replied");
        assertThat(headerNames(composer.encrypted(reply(SUBJECT, TEXT), source)))
                .doesNotContain("Auto-Submitted");
        assertThat(headerNames(composer.plaintext(reply(SUBJECT, TEXT)))).doesNotContain("Auto-Submitted");
    }

    // --- helpers ---

    private record Decrypted(byte[] plaintext, String status) {}

    /** Decrypts the second part with gpg; the status lines tell about the signature. */
    private static Decrypted decrypt(byte[] mail) throws Exception {
        String text = new String(mail, StandardCharsets.US_ASCII);
        String armor = text.substring(
                text.indexOf("-----BEGIN PGP MESSAGE-----"),
                text.indexOf("-----END PGP MESSAGE-----") + "-----END PGP MESSAGE-----".length());
        Path out = Files.createTempFile(dir, "plain", ".eml");
        byte[] status = gpg.run(
                armor.getBytes(StandardCharsets.US_ASCII), "--status-fd", "1", "--output", out.toString(), "--decrypt");
        return new Decrypted(Files.readAllBytes(out), new String(status, StandardCharsets.UTF_8));
    }

    private static MimeMessage parse(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }

    private static String decodedText(MimeMessage message) throws Exception {
        return new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String boundaryOf(String mail) {
        Matcher m = BOUNDARY.matcher(mail);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The field names of the top-level header block, in order. */
    private static List<String> headerNames(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        List<String> names = new ArrayList<>();
        for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }

    /** Every header line of every header block (the message's and its parts'), the boundary value blanked. */
    private static String allHeaderLines(String message) {
        StringBuilder headers = new StringBuilder();
        for (String block : message.split("\r\n--[A-Za-z0-9]+(--)?\r\n")) {
            int end = block.indexOf("\r\n\r\n");
            headers.append(end < 0 ? "" : block.substring(0, end)).append("\r\n");
        }
        return BOUNDARY.matcher(headers).replaceAll("boundary=\"\"");
    }

    private static String withoutArmorLines(String message) {
        return message.replaceAll("(?s)-----BEGIN PGP MESSAGE-----.*?-----END PGP MESSAGE-----", "");
    }

    /** ASCII only, CRLF only, header lines at most 78 columns, body lines at most 76 (so far under 998). */
    private static void assertWellFormed(byte[] message) {
        for (byte b : message) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        String text = new String(message, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n").doesNotContainPattern("\r(?!\n)").doesNotContainPattern("(?<!\r)\n");
        int blank = text.indexOf("\r\n\r\n");
        for (String line : text.substring(0, blank).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
            assertThat(line).isNotBlank();
        }
        for (String line : text.substring(blank + 4).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
    }
}
