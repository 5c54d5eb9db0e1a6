// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.scrub.TestFiles.assertNoIdentifiers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OfficeDocumentCleanerTest {

    @Test
    void docxIsReportedAsOfficeOpenXmlAndItsIdentifiersAppearInNoEntry() throws Exception {
        assertThat(TestFiles.zipText(OfficeFixtures.docx()))
                .containsIgnoringCase("amina")
                .contains("00C0FFEE");
        TestFiles.Cleaned cleaned = TestFiles.scrub(OfficeFixtures.docx());

        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(cleaned.report().format()).isEqualTo(Format.OOXML);
        assertNoIdentifiers(TestFiles.zipText(cleaned.bytes()));
    }

    @Test
    void docxFindingsNameEachKindOfMetadata() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(OfficeFixtures.docx());

        assertThat(cleaned.findings())
                .contains(
                        "author name - removed",
                        "last modified by - removed",
                        "company name - removed",
                        "template name - removed",
                        "template path - removed",
                        "author of a comment or tracked change - removed",
                        "author initials - removed",
                        "editing session ids - removed",
                        "thumbnail - removed",
                        "printer settings - removed",
                        "file times - removed");
        assertThat(cleaned.findingsWithValues())
                .contains(
                        "author of a comment or tracked change Amina Otieno - removed",
                        "template path file:///C:/Users/amina.otieno/AppData/Roaming/Microsoft/Templates/Normal.dotm - removed");
    }

    @Test
    void docxTextIsUnchangedAndThePackageStaysConsistent() throws Exception {
        Map<String, byte[]> before = TestFiles.entries(OfficeFixtures.docx());
        Map<String, byte[]> after =
                TestFiles.entries(TestFiles.scrub(OfficeFixtures.docx()).bytes());

        assertThat(TestFiles.xmlText(after.get("word/document.xml"), "t"))
                .isEqualTo(TestFiles.xmlText(before.get("word/document.xml"), "t"))
                .contains("Fish & chips <not> a code");
        assertThat(after).containsKeys("[Content_Types].xml", "_rels/.rels", "word/comments.xml", "docProps/core.xml");
        assertThat(after).doesNotContainKeys("docProps/thumbnail.jpeg", "word/printerSettings/printerSettings1.bin");
        for (Map.Entry<String, byte[]> part : after.entrySet()) {
            if (part.getKey().endsWith(".rels")) {
                for (String target : targets(part.getValue())) {
                    assertThat(after).as("target of %s", part.getKey()).containsKey(resolve(part.getKey(), target));
                }
            }
        }
        String types = new String(after.get("[Content_Types].xml"), StandardCharsets.UTF_8);
        assertThat(types).contains("/word/document.xml").doesNotContain("thumbnail");
        String comments = new String(after.get("word/comments.xml"), StandardCharsets.UTF_8);
        assertThat(comments).contains("w:author=\"Author\"", "w:initials=\"A\"", "I saw it myself");
    }

    @Test
    void odtIsReportedAsOpenDocumentWithMimetypeFirstAndStored() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(OfficeFixtures.odt());

        assertThat(cleaned.report().format()).isEqualTo(Format.ODF);
        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        byte[] zip = cleaned.bytes();
        assertThat(new String(zip, 30, 8, StandardCharsets.US_ASCII)).isEqualTo("mimetype");
        assertThat(zip[8]).as("method stored").isEqualTo((byte) 0);
        assertThat(new String(zip, 38, 39, StandardCharsets.US_ASCII))
                .isEqualTo("application/vnd.oasis.opendocument.text");
    }

    @Test
    void odtIdentifiersAppearInNoEntryAndTheTextIsUnchanged() throws Exception {
        Map<String, byte[]> before = TestFiles.entries(OfficeFixtures.odt());
        TestFiles.Cleaned cleaned = TestFiles.scrub(OfficeFixtures.odt());
        Map<String, byte[]> after = TestFiles.entries(cleaned.bytes());

        assertNoIdentifiers(TestFiles.zipText(cleaned.bytes()));
        assertThat(TestFiles.xmlText(after.get("content.xml"), "p"))
                .isEqualTo(TestFiles.xmlText(before.get("content.xml"), "p"));
        assertThat(after).doesNotContainKey("Thumbnails/thumbnail.png");
        assertThat(new String(after.get("META-INF/manifest.xml"), StandardCharsets.UTF_8))
                .contains("content.xml")
                .doesNotContain("Thumbnails");
        assertThat(new String(after.get("settings.xml"), StandardCharsets.UTF_8))
                .contains("AddParaTableSpacing");
        assertThat(cleaned.findings())
                .contains(
                        "author name - removed",
                        "last printed by - removed",
                        "application name - removed",
                        "custom property - removed",
                        "printer name - removed",
                        "printer settings - removed",
                        "template - removed",
                        "thumbnail - removed",
                        "author of a comment or tracked change - removed");
    }

    @Test
    void exiftoolFindsNoIdentifyingTagInCleanedOfficeDocuments() throws Exception {
        Assumptions.assumeTrue(TestFiles.exiftoolPresent(), "exiftool not installed");
        for (Map.Entry<String, byte[]> file : Map.of(".docx", OfficeFixtures.docx(), ".odt", OfficeFixtures.odt())
                .entrySet()) {
            String suffix = file.getKey();
            byte[] document = file.getValue();
            String before = TestFiles.exiftool(document, suffix);
            String after = TestFiles.exiftool(TestFiles.scrub(document).bytes(), suffix);

            assertThat(before).as(suffix).containsIgnoringCase("amina");
            assertNoIdentifiers(after);
            assertThat(after)
                    .doesNotContain(
                            "LastModifiedBy\"", "Company\"", "Initial-creator\"", "Printed-by\"", "Generator\"");
        }
    }

    private static List<String> targets(byte[] rels) {
        List<String> targets = new ArrayList<>();
        Matcher m = Pattern.compile("<Relationship ([^>]*)/>").matcher(new String(rels, StandardCharsets.UTF_8));
        while (m.find()) {
            if (!m.group(1).contains("TargetMode=\"External\"")) {
                Matcher target = Pattern.compile("Target=\"([^\"]*)\"").matcher(m.group(1));
                assertThat(target.find()).isTrue();
                targets.add(target.group(1));
            }
        }
        return targets;
    }

    private static String resolve(String relsName, String target) {
        String folder = relsName.substring(0, relsName.lastIndexOf("_rels/"));
        return java.net.URI.create("/" + folder + target).normalize().getPath().substring(1);
    }
}
