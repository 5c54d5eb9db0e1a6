// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
