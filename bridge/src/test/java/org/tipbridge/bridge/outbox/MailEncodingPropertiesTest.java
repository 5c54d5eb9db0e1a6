// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Our quoted-printable and subject encoders against Jakarta Mail's decoders, for arbitrary text. */
class MailEncodingPropertiesTest {

    @Property(tries = 300)
    void quotedPrintableDecodesBackToTheTextWithCrlfLineEnds(@ForAll String text) throws Exception {
        assertQuotedPrintableRoundTrip(text);
    }

    @Property(tries = 300)
    void quotedPrintableHandlesItsSpecialCases(
            @ForAll @Chars({' ', '\t', '\r', '\n', '.', 'F', 'r', 'o', 'm', '=', '\u00e9'}) @StringLength(max = 400)
                    String text)
            throws Exception {
        assertQuotedPrintableRoundTrip(text);
    }

    private static void assertQuotedPrintableRoundTrip(String text) throws Exception {
        String encoded = QuotedPrintable.encode(text);
        assertThat(encoded).endsWith("\r\n").doesNotContainPattern("\r(?!\n)|(?<!\r)\n");
        for (String line : encoded.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line.chars()).allMatch(c -> c >= ' ' && c < 0x7f);
            assertThat(line).doesNotEndWith(" ").doesNotStartWith(".").doesNotStartWith("From ");
        }
        InputStream decoded = MimeUtility.decode(
                new ByteArrayInputStream(encoded.getBytes(StandardCharsets.US_ASCII)), "quoted-printable");
        String expected = String.join("\r\n", text.split("\r\n|\r|\n", -1)) + "\r\n";
        // A lone surrogate cannot be encoded in UTF-8; it becomes '?' either way.
        expected = new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(new String(decoded.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void subjectComesBackExactlyAndItsLinesStayShort(@ForAll String subject) throws Exception {
        assertSubjectRoundTrip(subject);
    }

    @Property(tries = 300)
    void asciiSubjectWithSpacesAndMarkersComesBackExactly(
            @ForAll @Chars({' ', 'a', 'b', '=', '?', '.'}) @StringLength(max = 300) String subject) throws Exception {
        assertSubjectRoundTrip(subject);
    }

    private static void assertSubjectRoundTrip(String subject) throws Exception {
        Assume.that(subject.codePoints()
                .noneMatch(c -> Character.isISOControl(c)
                        || c == '\u2028'
                        || c == '\u2029'
                        || Character.getType(c) == Character.SURROGATE));
        String block = new MimeHeaders().subject(subject).end();
        for (String line : block.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        InternetHeaders headers =
                new InternetHeaders(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
        String raw = headers.getHeader("Subject", null);
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(raw))).isEqualTo(subject);
    }
}
