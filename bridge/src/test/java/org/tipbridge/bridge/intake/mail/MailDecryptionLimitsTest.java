// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.conf.LimitsConfig;

/** Limits on what decryption may produce: per message, not per payload. */
class MailDecryptionLimitsTest {
    private static final long MIB = 1024 * 1024;

    private static Parsing parsing(long maxDecompressed, int ratio, int maxText) {
        return Parsing.withLimits(new LimitsConfig(10 * MIB, 50, 8, 16 * 1024, 4096, maxDecompressed, ratio, maxText));
    }

    private static String pgpMime(String plaintext) {
        return PgpMail.pgpMime(FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(plaintext)));
    }

    @Test
    void rejectsPayloadsThatOnlyTogetherExceedTheDecryptionLimit() throws Exception {
        String each = TestMail.text("p".repeat(600));
        String two = TestMail.multipart("mixed", List.of(pgpMime(each), pgpMime(each)));
        assertThat(parsing(1000, 100, 256 * 1024)
                        .parse(TestMail.message("", pgpMime(each)))
                        .body())
                .hasSize(600);
        parsing(1000, 100, 256 * 1024).rejects(TestMail.message("", two), QuarantineReason.DECOMPRESSION_LIMIT);
    }

    @Test
    void inlineAndPgpMimePayloadsShareTheDecryptionLimit() {
        String inline = TestMail.text(FakeOpenPgp.encrypt("ok", "-", "i".repeat(600)));
        String mixed = TestMail.multipart("mixed", List.of(pgpMime(TestMail.text("p".repeat(600))), inline));
        parsing(1000, 100, 256 * 1024).rejects(TestMail.message("", mixed), QuarantineReason.DECOMPRESSION_LIMIT);
    }

    @Test
    void rejectsCompressionRatioBombUnderTheAbsoluteLimit() throws Exception {
        String zip = FakeOpenPgp.zip("Content-Type: text/plain\r\n\r\n", 100_000, "AAAAAAAAAA\r\n");
        String message = TestMail.message("", PgpMail.pgpMime(FakeOpenPgp.encrypt("zip", "-", zip)));
        parsing(50 * MIB, 10, 256 * 1024).rejects(message, QuarantineReason.DECOMPRESSION_LIMIT);
        assertThat(parsing(50 * MIB, 100, 256 * 1024).parse(message).attachments())
                .hasSize(1);
    }

    @Test
    void decryptsOnlyOnePayloadPerEncryptedMultipart() throws Exception {
        String twoPayloads = TestMail.multipart(
                "encrypted",
                "; protocol=\"application/pgp-encrypted\"",
                List.of(
                        TestMail.entity("Content-Type: application/pgp-encrypted\n", "Version: 1\n"),
                        TestMail.entity(
                                "Content-Type: application/octet-stream\n",
                                FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("first")))),
                        TestMail.entity(
                                "Content-Type: application/octet-stream\n",
                                FakeOpenPgp.encrypt("ok", "-", TestMail.crlf(TestMail.text("second"))))));
        ParsedMail mail = Parsing.encryptedOnly().parse(TestMail.message("", twoPayloads));
        assertThat(mail.body()).isEqualTo("first");
        assertThat(mail.warnings()).contains(PartRouter.EXTRA_PAYLOAD);
    }

    @Test
    void rejectsInlinePlaintextOverTheTextLimit() {
        String inline = TestMail.text(FakeOpenPgp.encrypt("zip", "-", FakeOpenPgp.zip("", 3000, "i")));
        parsing(50 * MIB, 100, 2000).rejects(TestMail.message("", inline), QuarantineReason.TEXT_TOO_LARGE);
    }

    @Test
    void rejectsInlineBlockInATextPartOverTheTextLimit() {
        String inline = TestMail.text(FakeOpenPgp.encrypt("ok", "-", "i".repeat(3000)));
        parsing(50 * MIB, 100, 1000).rejects(TestMail.message("", inline), QuarantineReason.TEXT_TOO_LARGE);
    }

    @Test
    void rejectsEncryptionNestedBeyondTheDepthLimit() throws Exception {
        String entity = TestMail.text("core");
        for (int i = 0; i < 7; i++) {
            entity = pgpMime(entity);
        }
        assertThat(Parsing.encryptedOnly().parse(TestMail.message("", entity)).body())
                .isEqualTo("core");
        Parsing.encryptedOnly().rejects(TestMail.message("", pgpMime(pgpMime(entity))), QuarantineReason.TOO_DEEP);
    }
}
