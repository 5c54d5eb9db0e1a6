// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailEnvelopeTest {
    private static final String FP = "1111222233334444555566667777888899990000";
    private final Parsing parsing = Parsing.plaintextAllowed();

    private ParsedMail parseWith(String headers) throws Exception {
        return parsing.parse(headers + "Subject: s\nMIME-Version: 1.0\n" + TestMail.text("x"));
    }

    private static String autocrypt(String addr) {
        String keydata = Base64.getMimeEncoder(76, "\n ".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(FakeOpenPgp.key(FP).getBytes(StandardCharsets.US_ASCII));
        return "Autocrypt: addr=" + addr + "; prefer-encrypt=mutual; keydata=\n " + keydata + "\n";
    }

    @Test
    void readsAddrSpecsAndMessageId() throws Exception {
        MailEnvelope envelope = parseWith("From: \"Ranger, Kim\" <Kim@Example.org>\nReply-To: other@example.net\n"
                        + "Message-ID: <abc@host>\n")
                .envelope();
        assertThat(envelope.from()).contains("Kim@Example.org");
        assertThat(envelope.replyTo()).contains("other@example.net");
        assertThat(envelope.messageId()).contains("<abc@host>");
        assertThat(envelope.automated()).isFalse();
        assertThat(envelope.autocryptKey()).isEmpty();
    }

    @Test
    void missingOrGarbledFromIsEmpty() throws Exception {
        assertThat(parseWith("").envelope().from()).isEmpty();
        assertThat(parseWith("From: <<<>>>\n").envelope().from()).isEmpty();
    }

    @Test
    void autocryptKeyIsTakenOnlyForMatchingAddress() throws Exception {
        MailEnvelope matching = parseWith("From: Source <SOURCE@example.org>\n" + autocrypt("source@EXAMPLE.org"))
                .envelope();
        assertThat(matching.autocryptKey())
                .hasValueSatisfying(key ->
                        assertThat(new String(key, StandardCharsets.US_ASCII)).isEqualTo(FakeOpenPgp.key(FP)));

        MailEnvelope other = parseWith("From: source@example.org\n" + autocrypt("someone.else@example.org"))
                .envelope();
        assertThat(other.autocryptKey()).isEmpty();
    }

    @Test
    void autocryptWithUnknownCriticalAttributeIsIgnored() throws Exception {
        String header = autocrypt("source@example.org").replace("prefer-encrypt=mutual", "future=1");
        assertThat(parseWith("From: source@example.org\n" + header).envelope().autocryptKey())
                .isEmpty();
    }

    @Test
    void unreadableAutocryptKeyIsDropped() throws Exception {
        String header = "Autocrypt: addr=source@example.org; keydata=bm90IGEga2V5\n";
        assertThat(parseWith("From: source@example.org\n" + header).envelope().autocryptKey())
                .isEmpty();
    }

    @Test
    void refusesOverlongAddresses() throws Exception {
        String local = "l".repeat(64);
        String fits = local + "@" + "d".repeat(320 - 65 - 4) + ".org";
        String tooLong = local + "@" + "d".repeat(321 - 65 - 4) + ".org";
        assertThat(parseWith("From: <" + fits + ">\n").envelope().from()).contains(fits);
        assertThat(parseWith("From: <" + tooLong + ">\n").envelope().from()).isEmpty();
        assertThat(parseWith("From: a@example.org\nReply-To: <" + tooLong + ">\n")
                        .envelope()
                        .replyTo())
                .isEmpty();
    }

    @Test
    void refusesOverlongMessageId() throws Exception {
        String fits = "<" + "i".repeat(996 - 12) + "@example.org>";
        String tooLong = "<" + "i".repeat(997 - 12) + "@example.org>";
        assertThat(fits).hasSize(998);
        assertThat(parseWith("Message-ID: " + fits + "\n").envelope().messageId())
                .contains(fits);
        assertThat(parseWith("Message-ID: " + tooLong + "\n").envelope().messageId())
                .isEmpty();
    }

    @Test
    void refusesAutocryptKeydataOverTheKeyLimit() {
        byte[] key = FakeOpenPgp.key(FP).getBytes(StandardCharsets.US_ASCII);
        String header =
                "addr=source@example.org; keydata=" + Base64.getEncoder().encodeToString(key);
        assertThat(EnvelopeReader.Autocrypt.keyFor(header, "source@example.org", key.length))
                .isPresent();
        assertThat(EnvelopeReader.Autocrypt.keyFor(header, "source@example.org", key.length - 3))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Auto-Submitted: auto-replied\n",
                "Precedence: bulk\n",
                "Precedence: junk\n",
                "List-Id: <tips.example.org>\n",
                "List-Unsubscribe: <mailto:leave@example.org>\n",
                "Return-Path: <>\n",
                "From: MAILER-DAEMON@mx.example.org\n",
                "From: postmaster@example.org\n",
            })
    void marksAutoRepliesAsAutomated(String header) throws Exception {
        String from = header.startsWith("From") ? "" : "From: someone@example.org\n";
        assertThat(parseWith(from + header).envelope().automated()).isTrue();
    }

    @Test
    void autoSubmittedNoIsAPerson() throws Exception {
        assertThat(parseWith("From: a@example.org\nAuto-Submitted: no\nPrecedence: first-class\n")
                        .envelope()
                        .automated())
                .isFalse();
    }

    @Test
    void otherOuterHeadersDoNotSurvive() throws Exception {
        ParsedMail mail =
                parseWith("From: a@example.org\nReceived: from [203.0.113.9] by mx\nX-Originating-IP: 203.0.113.9\n"
                        + "User-Agent: Secret/1.0\n");
        assertThat(mail.toString()).doesNotContain("203.0.113.9", "Secret/1.0");
        assertThat(mail.warnings()).isEmpty();
    }
}
