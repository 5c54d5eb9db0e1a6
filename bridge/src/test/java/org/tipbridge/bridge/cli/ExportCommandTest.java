// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.RecordStore;

class ExportCommandTest {
    @TempDir
    Path tmp;

    private CliHome home;
    private final byte[] notes = "field notes, plain text\n".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.create(tmp);
        home.mapping("amber-otter-7K4QX");
    }

    @Test
    void exportWritesTheTipTheCopiesAndTheFindingsButNoOriginalsAndNoAudit() throws Exception {
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("notes.txt", notes));
        Path out = tmp.resolve("export");

        Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out));

        assertThat(Files.readString(out.resolve("tip-" + id + ".txt"))).contains("See the attached files.");
        assertThat(out.resolve("notes.txt")).hasBinaryContent(notes);
        assertThat(Files.readString(out.resolve("findings.txt")))
                .contains("notes.txt", "metadata not checked - flagged");
        assertThat(out.resolve("originals")).doesNotExist();
        try (RecordStore store = home.store()) {
            assertThat(store.audit().forRecord(id)).isEmpty();
        }
    }

    @Test
    void originalsGoIntoTheirOwnFolderByteExactAndTheAuditLogSaysSo() throws Exception {
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("notes.txt", notes));
        Path out = tmp.resolve("export");

        String stdout = Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out, "--originals"))
                .stdout();

        assertThat(out.resolve("originals/notes.txt")).hasBinaryContent(notes);
        assertThat(Files.readString(out.resolve("originals/findings-with-values.txt")))
                .contains("metadata not checked");
        assertThat(stdout).contains("audit log");
        try (RecordStore store = home.store()) {
            assertThat(store.audit().forRecord(id))
                    .extracting(AuditLog.AuditEvent::action)
                    .containsExactly(AuditLog.ORIGINALS_OPENED);
        }
    }

    @Test
    void exportNeverOverwritesAndNeverLeavesItsDirectory() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("../../escape.txt", notes);
        files.put("notes.txt", notes);
        long id = home.tipWithAttachments("amber-otter-7K4QX", files);
        Path out = Files.createDirectories(tmp.resolve("export"));
        Files.writeString(out.resolve("notes.txt"), "the analyst's own file");

        Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out));

        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("the analyst's own file");
        assertThat(out.resolve("notes-2.txt")).hasBinaryContent(notes);
        assertThat(out.resolve("../../escape.txt").normalize()).doesNotExist();
        assertThat(out.resolve("../escape.txt").normalize()).doesNotExist();
        try (var listed = Files.list(out)) {
            assertThat(listed.map(p -> p.getFileName().toString())).contains("_.._escape.txt");
        }
    }

    @Test
    void anAttachmentCannotTakeTheNameOfTheFindingsReport() throws Exception {
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("findings.txt", notes));
        Path out = tmp.resolve("export");

        Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out));

        assertThat(Files.readString(out.resolve("findings.txt"))).startsWith("What was found in the attachments");
        assertThat(out.resolve("findings-2.txt")).hasBinaryContent(notes);
    }

    @Test
    void originalsAreNeverWrittenThroughASymbolicLink() throws Exception {
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("notes.txt", notes));
        Path out = Files.createDirectories(tmp.resolve("export"));
        Path elsewhere = Files.createDirectories(tmp.resolve("synced-folder"));
        Files.createSymbolicLink(out.resolve("originals"), elsewhere);

        Cli.expect(2, home.keyArgs("queue", "export", id, "--out", out, "--originals"));

        try (var listed = Files.list(elsewhere)) {
            assertThat(listed).isEmpty();
        }
        try (RecordStore store = home.store()) {
            assertThat(store.audit().forRecord(id)).isEmpty();
        }
    }

    @Test
    void anAttachmentThatCouldNotBeCleanedIsNotExportedWithoutOriginals() throws Exception {
        RecordDocument.Attachment failed = new RecordDocument.Attachment(
                "photo.jpg",
                "image/jpeg",
                10,
                "0".repeat(32),
                null,
                null,
                "jpeg",
                "failed",
                List.of("could not be cleaned (malformed JPEG); only the original is kept - flagged"),
                "1".repeat(32));
        long id = home.commitDocument("amber-otter-7K4QX", List.of(failed), List.of());
        Path out = tmp.resolve("export");

        Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out));

        assertThat(out.resolve("photo.jpg")).doesNotExist();
        assertThat(Files.readString(out.resolve("findings.txt")))
                .contains("not exported: it could not be cleaned; the original needs --originals");
    }

    @Test
    void photoIsExportedWithoutItsMetadataAndTheOriginalRoundTripsByteExact() throws Exception {
        byte[] photo = org.tipbridge.scrub.ImageFixtures.jpegWithMetadata();
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("photo.jpg", photo));
        Path out = tmp.resolve("export");

        Cli.expect(0, home.keyArgs("queue", "export", id, "--out", out, "--originals"));

        byte[] cleaned = Files.readAllBytes(out.resolve("photo.jpg"));
        String cleanedText = new String(cleaned, StandardCharsets.ISO_8859_1);
        assertThat(cleanedText)
                .doesNotContain(
                        org.tipbridge.scrub.ExifFixture.MAKE,
                        org.tipbridge.scrub.ExifFixture.BODY_SERIAL,
                        org.tipbridge.scrub.ExifFixture.ARTIST);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(cleaned)))
                .isNotNull();
        assertThat(out.resolve("originals/photo.jpg")).hasBinaryContent(photo);
        String findings = Files.readString(out.resolve("findings.txt"));
        assertThat(findings).contains("GPS position - removed").doesNotContain("37.5678");
        assertThat(Files.readString(out.resolve("originals/findings-with-values.txt")))
                .contains("GPS position 2.1234 S 37.5678 E - removed");
    }

    @Test
    void showListsWhatWasFoundPerAttachment() throws Exception {
        long id = home.tipWithAttachments("amber-otter-7K4QX", Map.of("notes.txt", notes));

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.expect(0, home.keyArgs("queue", "show", id, "--json"))
                        .stdout());
        String text = Cli.expect(0, home.keyArgs("queue", "show", id)).stdout();

        com.fasterxml.jackson.databind.JsonNode attachment =
                json.get("attachments").get(0);
        assertThat(attachment.get("removed").get(0).asText()).isEqualTo("metadata not checked - flagged");
        assertThat(attachment.get("cleaned").asText()).isEqualTo("not-checked");
        assertThat(text).contains("notes.txt", "metadata not checked - flagged");
    }
}
