// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.SealedAttachment;

class MailAttachmentTest {
    private static final String FP = "1111222233334444555566667777888899990000";
    private final Parsing parsing = Parsing.plaintextAllowed();

    private ParsedMail withParts(String... parts) throws Exception {
        return parsing.parse(TestMail.message("", TestMail.multipart("mixed", List.of(parts))));
    }

    @Test
    void streamsDecodedAttachmentIntoTheSealer() throws Exception {
        byte[] photo = new byte[300_000];
        new java.util.Random(1).nextBytes(photo);
        ParsedMail mail =
                withParts(TestMail.text("see photo"), TestMail.attachment("image/JPEG; x=1", "camp.jpg", photo));
        SealedAttachment attachment = mail.attachments().get(0);
        assertThat(attachment.name()).isEqualTo("camp.jpg");
        assertThat(attachment.contentType()).isEqualTo("image/jpeg");
        assertThat(attachment.size()).isEqualTo(photo.length);
        assertThat(parsing.sealer.content(attachment.blob())).isEqualTo(photo);
        assertThat(mail.body()).isEqualTo("see photo");
    }

    @Test
    void sanitisesAttachmentNames() throws Exception {
        ParsedMail mail = withParts(
                TestMail.attachment("application/octet-stream", "../../etc/passwd", new byte[] {1}),
                TestMail.attachment("application/octet-stream", "C:\\\\Users\\\\x\\\\..\\\\evil.bat", new byte[] {2}),
                TestMail.attachment("application/pdf", "invoice\u202egpj.exe", new byte[] {3}),
                TestMail.attachment("application/pdf", "nul\u0000byte\u0007.pdf", new byte[] {4}),
                TestMail.attachment("application/pdf", "...hidden", new byte[] {5}),
                TestMail.attachment("application/pdf", "../", new byte[] {6}),
                TestMail.attachment("text/plain", "x".repeat(300) + ".txt", new byte[] {7}));
        assertThat(mail.attachments())
                .extracting(SealedAttachment::name)
                .containsExactly(
                        "passwd",
                        "evil.bat",
                        "invoicegpj.exe",
                        "nulbyte.pdf",
                        "hidden",
                        "attachment-6.pdf",
                        "x".repeat(196) + ".txt");
    }

    @Test
    void decodesRfc2231AndEncodedWordNames() throws Exception {
        String rfc2231 = TestMail.entity(
                "Content-Type: application/pdf\n"
                        + "Content-Disposition: attachment; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf\n",
                "x\n");
        String continued = TestMail.entity(
                "Content-Type: application/pdf\n"
                        + "Content-Disposition: attachment;\n filename*0*=UTF-8''%E6%96%87;\n filename*1=\"part.pdf\"\n",
                "x\n");
        String encodedWord =
                TestMail.entity("Content-Type: application/pdf; name=\"=?UTF-8?B?0YTQsNC50Lsu?=pdf\"\n", "x\n");
        ParsedMail mail = withParts(rfc2231, continued, encodedWord);
        assertThat(mail.attachments())
                .extracting(SealedAttachment::name)
                .containsExactly("rapport \u00e9t\u00e9.pdf", "\u6587part.pdf", "\u0444\u0430\u0439\u043b.pdf");
    }

    @Test
    void unnamedPartsGetNeutralNamesAndCleanTypes() throws Exception {
        String unnamed = TestMail.entity("Content-Type: IMAGE/PNG\n", "png\n");
        String bogusType = TestMail.entity("Content-Type: ../../weird\nContent-Disposition: attachment\n", "?\n");
        String forwarded =
                TestMail.entity("Content-Type: message/rfc822\n", "From: x@example.org\nSubject: inner\n\nbody\n");
        ParsedMail mail = withParts(TestMail.text("body"), unnamed, bogusType, forwarded);
        assertThat(mail.attachments())
                .extracting(SealedAttachment::name, SealedAttachment::contentType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("attachment-1.png", "image/png"),
                        org.assertj.core.groups.Tuple.tuple("attachment-2.bin", "application/octet-stream"),
                        org.assertj.core.groups.Tuple.tuple("attachment-3.eml", "message/rfc822"));
        assertThat(mail.body()).isEqualTo("body");
    }

    @Test
    void textPartWithFileNameIsAnAttachment() throws Exception {
        ParsedMail mail =
                withParts(TestMail.text("body"), TestMail.attachment("text/plain", "notes.txt", "n".getBytes()));
        assertThat(mail.body()).isEqualTo("body");
        assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("notes.txt");
    }

    @Test
    void attachedPublicKeysBecomeSenderKeysNotAttachments() throws Exception {
        String keys = TestMail.entity("Content-Type: application/pgp-keys\n", FakeOpenPgp.key(FP) + "\n");
        String asc = TestMail.attachment(
                "application/octet-stream",
                "key.asc",
                ("-----BEGIN PGP PUBLIC KEY BLOCK-----\n" + FakeOpenPgp.key(FP.replace('1', '2')) + "\n").getBytes());
        ParsedMail mail = withParts(TestMail.text("hi"), keys, asc);
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.senderKeys())
                .extracting(k -> new String(k, StandardCharsets.US_ASCII))
                .containsExactly(FakeOpenPgp.key(FP), FakeOpenPgp.key(FP.replace('1', '2')));
    }

    @Test
    void unreadableKeyIsDroppedWithAWarningAndOtherAscFilesStayAttachments() throws Exception {
        String badKey = TestMail.entity("Content-Type: application/pgp-keys\n", "garbage\n");
        String encrypted =
                TestMail.attachment("application/octet-stream", "doc.asc", "-----BEGIN PGP MESSAGE-----\n".getBytes());
        ParsedMail mail = withParts(TestMail.text("hi"), badKey, encrypted);
        assertThat(mail.senderKeys()).isEmpty();
        assertThat(mail.warnings()).contains(SenderKeys.UNREADABLE);
        assertThat(mail.attachments()).extracting(SealedAttachment::name).containsExactly("doc.asc");
    }

    @Test
    void sealerFailureIsTransient() {
        Parsing failing = new Parsing(new FakeOpenPgp(), Parsing.LIMITS, true, new InMemorySealer().failingOnBegin());
        assertThatThrownBy(() -> failing.parse(TestMail.message(
                        "",
                        TestMail.multipart(
                                "mixed", List.of(TestMail.attachment("application/pdf", "a.pdf", new byte[] {1}))))))
                .isInstanceOf(IntakeException.TransientIo.class);
    }

    @Test
    void abandonsSealedAttachmentsWhenALaterLimitIsHit() {
        String flood = TestMail.multipart(
                "mixed",
                java.util.Collections.nCopies(60, TestMail.attachment("application/pdf", "a.pdf", new byte[] {1})));
        parsing.rejects(TestMail.message("", flood), org.tipbridge.bridge.pipeline.QuarantineReason.TOO_MANY_PARTS);
        assertThat(parsing.sealer.begun()).isEqualTo(50);
        assertThat(parsing.sealer.live()).isZero();
    }
}
