// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;

class MailLimitsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void rejectsPartFlood() {
        List<String> parts = new ArrayList<>(Collections.nCopies(51, TestMail.text("x")));
        Parsing parsing = Parsing.plaintextAllowed();
        parsing.rejects(TestMail.message("", TestMail.multipart("mixed", parts)), QuarantineReason.TOO_MANY_PARTS);
    }

    @Test
    void acceptsPartsUpToTheLimit() throws Exception {
        List<String> parts = new ArrayList<>(Collections.nCopies(50, TestMail.text("x")));
        ParsedMail mail = Parsing.plaintextAllowed().parse(TestMail.message("", TestMail.multipart("mixed", parts)));
        assertThat(mail.body()).startsWith("x\n\nx");
    }

    @Test
    void rejectsDeepNesting() {
        String entity = TestMail.text("deep");
        for (int i = 0; i < 9; i++) {
            entity = TestMail.multipart("mixed", List.of(entity));
        }
        Parsing.plaintextAllowed().rejects(TestMail.message("", entity), QuarantineReason.TOO_DEEP);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        String entity = TestMail.text("deep");
        for (int i = 0; i < 8; i++) {
            entity = TestMail.multipart("mixed", List.of(entity));
        }
        assertThat(Parsing.plaintextAllowed()
                        .parse(TestMail.message("", entity))
                        .body())
                .isEqualTo("deep");
    }

    @Test
    void rejectsGiantHeader() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            headers.append("X-Filler-")
                    .append(i)
                    .append(": ")
                    .append("y".repeat(60))
                    .append('\n');
        }
        Parsing.plaintextAllowed()
                .rejects(TestMail.message(headers.toString(), TestMail.text("hi")), QuarantineReason.HEADER_TOO_LARGE);
    }

    @Test
    void rejectsGiantFoldedHeaderField() {
        String folded = "X-Long: start\n" + " continued line of filler text\n".repeat(1000);
        Parsing.plaintextAllowed()
                .rejects(TestMail.message(folded, TestMail.text("hi")), QuarantineReason.HEADER_TOO_LARGE);
    }

    @Test
    void rejectsGiantHeaderOfABodyPart() {
        String part = TestMail.entity("Content-Type: text/plain\n" + "X-Filler: z\n".repeat(2000), "hi\n");
        Parsing.plaintextAllowed()
                .rejects(
                        TestMail.message("", TestMail.multipart("mixed", List.of(part))),
                        QuarantineReason.HEADER_TOO_LARGE);
    }

    @Test
    void rejectsOverlongLine() {
        Parsing.plaintextAllowed()
                .rejects(TestMail.message("", TestMail.text("a".repeat(5000))), QuarantineReason.LINE_TOO_LONG);
    }

    @Test
    void rejectsOverlongHeaderLine() {
        Parsing.plaintextAllowed()
                .rejects(
                        TestMail.message("X-Wide: " + "w".repeat(5000) + "\n", TestMail.text("hi")),
                        QuarantineReason.LINE_TOO_LONG);
    }

    @Test
    void rejectsOversizedMessage() {
        Parsing parsing = Parsing.withLimits(Parsing.limits(50, 8, 16 * 1024, 4096, MIB, 256 * 1024));
        String body = ("line of text that repeats\n").repeat(50_000);
        parsing.rejects(TestMail.message("", TestMail.text(body)), QuarantineReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void rejectsOversizedStreamWithoutReadingItAll() {
        Parsing parsing = Parsing.withLimits(Parsing.limits(50, 8, 16 * 1024, 4096, MIB, 256 * 1024));
        InputStream endless = new SequenceInputStream(
                TestMail.stream(TestMail.message("", "Content-Type: application/octet-stream\n\n")), new Endless());
        parsing.rejects(endless, QuarantineReason.MESSAGE_TOO_LARGE);
    }

    @Test
    void longTextIsKeptWholeAsAnAttachment() throws Exception {
        Parsing parsing = Parsing.withLimits(Parsing.limits(50, 8, 16 * 1024, 4096, MIB, 1000));
        String long1 = "0123456789\n".repeat(200);
        ParsedMail mail = parsing.parse(TestMail.message(
                "", TestMail.multipart("mixed", List.of(TestMail.text("short"), TestMail.text(long1)))));
        assertThat(mail.body()).isEqualTo("short");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("attachment-1.txt");
            // the line break before the closing boundary belongs to the boundary (RFC 2046)
            assertThat(parsing.sealer.text(a.blob())).isEqualTo(TestMail.crlf(long1.strip()));
        });
        assertThat(mail.warnings()).contains(TextPart.TOO_LONG);
    }

    @Test
    void sourceFailureIsTransientNotQuarantined() {
        InputStream dropping =
                new SequenceInputStream(TestMail.stream(TestMail.message("", TestMail.text("hello\n"))), new Broken());
        assertThatThrownBy(() -> Parsing.plaintextAllowed().parse(dropping))
                .isInstanceOf(IntakeException.TransientIo.class);
    }

    @Test
    void contentHashCoversTheRawBytes() throws Exception {
        String message = TestMail.message("", TestMail.text("hello\n"));
        ParsedMail mail = Parsing.plaintextAllowed().parse(message);
        assertThat(mail.contentHash())
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(TestMail.bytes(message)));
    }

    /** Zeros forever, in short lines. */
    private static final class Endless extends InputStream {
        private long count;

        @Override
        public int read() {
            return (++count % 70 == 0) ? '\n' : 'A';
        }
    }

    private static final class Broken extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("connection reset");
        }
    }
}
