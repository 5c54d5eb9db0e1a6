// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachments;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;

import java.util.ArrayList;
import java.util.List;

/** Bogus, lying and unknown charsets, invalid bytes, and bogus or lying transfer encodings. */
final class CharsetCases {
    static final String UNKNOWN = "unknown character set";
    static final String INVALID = "bytes invalid in its character set";

    private CharsetCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(charset("charset-unknown-name", "x-no-such-charset", "plain words", Expected.tip(UNKNOWN)));
        out.add(charset("charset-utf7-declared", "utf-7", "+ADw-script+AD4-", Expected.tip()));
        out.add(charset("charset-name-overlong-10000", "c".repeat(10_000), "text", Expected.tip(UNKNOWN)));
        out.add(charset("charset-name-is-a-path", "../../../etc/passwd", "text", Expected.tip(UNKNOWN)));
        out.add(charset("charset-name-with-nul", "utf-8\u0000evil", "text", Expected.tip(UNKNOWN)));
        out.add(raw(
                "charset-utf8-invalid-bytes",
                "utf-8",
                new byte[] {'o', 'k', (byte) 0xC3, 0x28, (byte) 0xFF},
                Expected.tip(INVALID)));
        out.add(raw(
                "charset-utf8-overlong-slash",
                "utf-8",
                new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'},
                Expected.tip(INVALID)));
        out.add(raw(
                "charset-utf8-surrogate-halves",
                "utf-8",
                new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                Expected.tip(INVALID)));
        out.add(charset("charset-latin1-lying-about-utf8", "iso-8859-1", "Grüße aus dem Wald", Expected.tip()));
        out.add(charset(
                "charset-us-ascii-holding-utf8",
                "us-ascii",
                "Grüße aus dem Wald",
                Expected.tip(),
                bodyContains("Grüße")));
        out.add(raw("charset-utf16-odd-length", "utf-16", new byte[] {'a', 'b', 'c'}, Expected.tip(INVALID)));
        out.add(raw(
                "charset-utf32-out-of-range", "utf-32", new byte[] {0x7F, 0x7F, 0x7F, 0x7F}, Expected.tip(INVALID)));
        out.add(raw(
                "charset-shift-jis-invalid",
                "shift_jis",
                new byte[] {(byte) 0x81, 0x20, (byte) 0xA0, (byte) 0xFD},
                Expected.tip(INVALID)));
        out.add(mail(
                "charset-parameter-duplicated",
                Expected.tip(),
                () -> Mails.message(
                        "charset-parameter-duplicated",
                        "two charsets",
                        Mails.entity("Content-Type: text/plain; charset=utf-8; charset=koi8-r\n", "twice\n"))));
        out.add(mail(
                "charset-html-meta-contradicts-header",
                Expected.tip(),
                () -> Mails.message(
                        "charset-html-meta-contradicts-header",
                        "meta",
                        Mails.entity(
                                "Content-Type: text/html; charset=utf-8\n",
                                "<meta charset=\"windows-1251\"><p>meta text</p>\n")),
                bodyContains("meta text")));
        out.add(encoded(
                "cte-base64-invalid-characters", "base64", "dGlw!!!IG9u$$$IHRoZSBy%%%aXZlcg==\n", Expected.tip()));
        out.add(encoded("cte-base64-label-on-plain-text", "base64", "this is not base64 at all\n", Expected.tip()));
        out.add(encoded(
                "cte-quoted-printable-broken-escapes",
                "quoted-printable",
                "a=ZZb=4 c=\n=\n=3D=3\nend of text\n",
                Expected.tip(),
                bodyContains("end of text")));
        out.add(encoded(
                "cte-quoted-printable-soft-break-flood",
                "quoted-printable",
                "=\n".repeat(20_000) + "after the breaks\n",
                Expected.tip(),
                bodyContains("after the breaks")));
        out.add(encoded(
                "cte-unknown-x-bogus",
                "x-bogus-encoding",
                "bogus encoded text\n",
                Expected.tip(),
                bodyContains("bogus encoded text")));
        out.add(mail(
                "cte-duplicated-conflicting",
                Expected.tip(),
                () -> Mails.message(
                        "cte-duplicated-conflicting",
                        "two encodings",
                        Mails.entity(
                                "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n"
                                        + "Content-Transfer-Encoding: quoted-printable\n",
                                "dHdvIGVuY29kaW5ncw==\n"))));
        out.add(mail(
                "cte-base64-on-multipart",
                Expected.tip(),
                () -> Mails.message(
                        "cte-base64-on-multipart",
                        "encoded multipart",
                        "Content-Transfer-Encoding: base64\n"
                                + Mails.multipart("mixed", "m", List.of(Mails.text("inside"))))));
        out.add(mail(
                "cte-base64-one-line-over-line-limit",
                Expected.quarantine("line-too-long"),
                () -> Mails.message(
                        "cte-base64-one-line-over-line-limit",
                        "one long line",
                        Mails.multipart(
                                "mixed",
                                "o",
                                List.of(Mails.entity(
                                        "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n",
                                        "QUFB".repeat(40_000) + "\n"))))));
        out.add(raw("cte-8bit-body-with-nul-bytes", "utf-8", new byte[] {'n', 0, 'u', 0, 'l'}, Expected.tip()));
        out.add(encoded(
                "cte-base64-text-over-text-limit",
                "base64",
                java.util.Base64.getMimeEncoder()
                                .encodeToString("long text line\n"
                                        .repeat(200_000)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .replace("\r\n", "\n")
                        + "\n",
                Expected.tip("too long to show"),
                attachments(1)));
        return out;
    }

    private static HostileCase charset(
            String name, String charset, String body, Expected expected, RecordCheck... checks) {
        return mail(
                name,
                expected,
                () -> Mails.message(
                        name,
                        "charset",
                        Mails.entity("Content-Type: text/plain; charset=\"" + charset + "\"\n", body + "\n")),
                checks);
    }

    /** A text part whose body holds exactly {@code bytes}, not valid UTF-8 of necessity. */
    private static HostileCase raw(String name, String charset, byte[] bytes, Expected expected) {
        return mail(
                name,
                expected,
                () -> Mails.crlfLatin1(new String(
                                Mails.crlf(Mails.headers(name) + "Subject: raw bytes\nMIME-Version: 1.0\n"
                                        + "Content-Type: text/plain; charset=" + charset + "\n"
                                        + "Content-Transfer-Encoding: 8bit\n\n"),
                                java.nio.charset.StandardCharsets.ISO_8859_1)
                        + Mails.latin1(bytes) + "\n"));
    }

    private static HostileCase encoded(String name, String cte, String body, Expected expected, RecordCheck... checks) {
        return mail(
                name,
                expected,
                () -> Mails.message(
                        name,
                        "transfer encoding",
                        Mails.entity(
                                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: " + cte + "\n",
                                body)),
                checks);
    }
}
