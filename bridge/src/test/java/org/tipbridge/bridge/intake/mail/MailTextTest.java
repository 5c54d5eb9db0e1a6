// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.pgp.SignatureStatus;

class MailTextTest {
    private final Parsing parsing = Parsing.plaintextAllowed();

    @Test
    void plainMessageKeepsBodyAndIsMarkedUnencrypted() throws Exception {
        ParsedMail mail = parsing.parse(TestMail.message("", TestMail.text("Trucks leave at dawn.\n")));
        assertThat(mail.body()).isEqualTo("Trucks leave at dawn.");
        assertThat(mail.subject()).isEqualTo("test");
        assertThat(mail.encrypted()).isFalse();
        assertThat(mail.signature()).isEqualTo(SignatureStatus.NONE);
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void decodesIso88591Body() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(TestMail.bytes(TestMail.message("", "Content-Type: text/plain; charset=ISO-8859-1\n\n")));
        raw.writeBytes("Caf\u00e9 \u00e0 c\u00f4t\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
        ParsedMail mail = parsing.parse(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(mail.body()).isEqualTo("Caf\u00e9 \u00e0 c\u00f4t\u00e9");
        assertThat(mail.warnings()).isEmpty();
    }

    @Test
    void decodesQuotedPrintableWindows1252() throws Exception {
        String entity = TestMail.entity(
                "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n",
                "Price =80 5, na=EFve=\n soft break\n");
        assertThat(parsing.parse(TestMail.message("", entity)).body())
                .isEqualTo("Price \u20ac 5, na\u00efve soft break");
    }

    @Test
    void unknownCharsetFallsBackToUtf8WithAWarning() throws Exception {
        String entity = TestMail.entity("Content-Type: text/plain; charset=x-made-up\n", "gr\u00fc\u00dfe\n");
        ParsedMail mail = parsing.parse(TestMail.message("", entity));
        assertThat(mail.body()).isEqualTo("gr\u00fc\u00dfe");
        assertThat(mail.warnings()).contains(TextDecoder.UNKNOWN_CHARSET);
    }

    @Test
    void lyingCharsetNeverCrashes() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(TestMail.bytes(TestMail.message("", "Content-Type: text/plain; charset=utf-8\n\n")));
        raw.writeBytes(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, '\r', '\n'});
        ParsedMail mail = parsing.parse(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(mail.body()).startsWith("ok").contains("\ufffd");
        assertThat(mail.warnings()).contains(TextDecoder.INVALID_BYTES);
    }

    @Test
    void htmlOnlyBodyBecomesPlainText() throws Exception {
        String html = "<html><head><title>t</title><style>p{color:red}</style></head><body>"
                + "<p>First <b>para</b></p><script>alert(1)</script><div>Second<br>line</div>"
                + "<ul><li>one</li><li>two</li></ul><img src=\"http://tracker.example/x.png\"></body></html>";
        ParsedMail mail =
                parsing.parse(TestMail.message("", TestMail.entity("Content-Type: text/html; charset=utf-8\n", html)));
        assertThat(mail.body()).isEqualTo("First para\n\nSecond\nline\n\none\ntwo");
        assertThat(mail.body()).doesNotContain("alert", "color", "tracker");
    }

    @Test
    void prefersPlainAlternative() throws Exception {
        String alternative = TestMail.multipart(
                "alternative",
                List.of(
                        TestMail.text("plain version\n"),
                        TestMail.entity("Content-Type: text/html\n", "<p>html version</p>\n")));
        assertThat(parsing.parse(TestMail.message("", alternative)).body()).isEqualTo("plain version");
    }

    @Test
    void usesHtmlAlternativeWhenNoPlainExists() throws Exception {
        String alternative = TestMail.multipart(
                "alternative", List.of(TestMail.entity("Content-Type: text/html\n", "<p>only html</p>\n")));
        assertThat(parsing.parse(TestMail.message("", alternative)).body()).isEqualTo("only html");
    }

    @Test
    void joinsSeveralTextPartsWithABlankLine() throws Exception {
        String mixed = TestMail.multipart("mixed", List.of(TestMail.text("first\n"), TestMail.text("second\n")));
        assertThat(parsing.parse(TestMail.message("", mixed)).body()).isEqualTo("first\n\nsecond");
    }

    @Test
    void stripsControlAndBidiCharacters() throws Exception {
        String body =
                "bell\u0007 esc\u001b[31mred\u001b[0m nul\u0000 csi\u009b rlo\u202egnp.exe lri\u2066x\u2069 tab\there\r\nnext";
        String subject = "Subject: hi\u001b]0;pwned\u0007 \u202eevil\n";
        ParsedMail mail = parsing.parse(subject.replace("Subject", "X-Ignored") + TestMail.FROM + subject
                + "MIME-Version: 1.0\n" + TestMail.text(body));
        assertThat(mail.body()).isEqualTo("bell esc[31mred[0m nul csi rlognp.exe lrix tab\there\nnext");
        assertThat(mail.subject()).isEqualTo("hi]0;pwned evil");
        assertThat(mail.body() + mail.subject())
                .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");
    }

    @Test
    void decodesEncodedWordSubject() throws Exception {
        String message = TestMail.FROM + "Subject: =?UTF-8?B?w4lsw6lwaGFudHM=?= =?ISO-8859-1?Q?_=E0_vendre?=\n"
                + "MIME-Version: 1.0\n" + TestMail.text("x");
        assertThat(parsing.parse(message).subject()).isEqualTo("\u00c9l\u00e9phants \u00e0 vendre");
    }

    @Test
    void malformedEncodedWordSubjectIsKeptAsText() throws Exception {
        String message = TestMail.FROM + "Subject: =?bogus?X?zz?= and =?UTF-8?B?###?=\n" + TestMail.text("x");
        assertThat(parsing.parse(message).subject()).contains("and");
    }

    @Test
    void rawUtf8SubjectIsDecoded() throws Exception {
        String message = TestMail.FROM + "Subject: \u0627\u0644\u0639\u0627\u062c \u2013 ivory\n" + TestMail.text("x");
        assertThat(parsing.parse(message).subject()).isEqualTo("\u0627\u0644\u0639\u0627\u062c \u2013 ivory");
    }

    @Test
    void contentLanguageBecomesLanguage() throws Exception {
        String entity = TestMail.entity("Content-Type: text/plain\nContent-Language: fr-CA, en\n", "Bonjour\n");
        assertThat(parsing.parse(TestMail.message("", entity)).language()).contains("fr-ca");
    }

    @Test
    void bareLfMessageIsParsed() throws Exception {
        String message = TestMail.message("", TestMail.text("one\ntwo\n"));
        ParsedMail mail = parsing.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        assertThat(mail.body()).isEqualTo("one\ntwo");
    }

    @Test
    void garbageInputIsAcceptedLenientlyOrQuarantined() throws Exception {
        byte[] junk = new byte[4000];
        new java.util.Random(7).nextBytes(junk);
        for (int i = 0; i < junk.length; i += 50) {
            junk[i] = '\n';
        }
        try {
            ParsedMail mail = parsing.parse(new ByteArrayInputStream(junk));
            assertThat(mail.body()).doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f]");
        } catch (org.tipbridge.bridge.pipeline.IntakeException.Rejected expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Test
    void brokenMultipartWithoutClosingBoundaryKeepsItsText() throws Exception {
        String message = TestMail.message(
                "", "Content-Type: multipart/mixed; boundary=zz\n\n--zz\n" + TestMail.text("still readable\n"));
        assertThat(parsing.parse(message).body()).isEqualTo("still readable");
    }
}
