// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.scrub.TestFiles.assertNoIdentifiers;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PdfCleanerTest {

    @Test
    void fixtureCarriesTheIdentifiersTheTestsLookFor() throws Exception {
        String objects = TestFiles.pdfObjects(DocumentFixtures.pdf());
        assertThat(objects).contains("Amina Otieno", "AminaWriter", "AMINA-ID-0001", "tracker.example/amina");
    }

    @Test
    void identifyingValuesAppearNowhereInTheCleanedPdf() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.pdf());

        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(cleaned.report().format()).isEqualTo(Format.PDF);
        assertNoIdentifiers(TestFiles.pdfObjects(cleaned.bytes()));
    }

    @Test
    void reportsInPlainWordsWithValuesOnlyOnRequest() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.pdf());

        assertThat(cleaned.findings())
                .contains(
                        "author name - removed",
                        "creator tool - removed",
                        "PDF producer - removed",
                        "document title - removed",
                        "creation date - removed",
                        "XMP metadata - removed",
                        "document id - removed",
                        "JavaScript - removed",
                        "comment author - removed",
                        "embedded file - flagged");
        assertThat(String.join("\n", cleaned.findings())).doesNotContainIgnoringCase("amina");
        assertThat(cleaned.findingsWithValues())
                .contains("author name Amina Otieno - removed", "embedded file ledger.txt - flagged")
                .anyMatch(f -> f.startsWith("XMP metadata dc:creator=Amina Otieno; xmp:CreatorTool=AminaWriter 2.1"));
    }

    @Test
    void textContentIsUnchangedAndTheEmbeddedFileIsKept() throws Exception {
        byte[] original = DocumentFixtures.pdf();
        TestFiles.Cleaned cleaned = TestFiles.scrub(original);

        assertThat(TestFiles.pdfText(cleaned.bytes()))
                .isEqualTo(TestFiles.pdfText(original))
                .contains(DocumentFixtures.PDF_TEXT);
        try (PDDocument doc = Loader.loadPDF(cleaned.bytes())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames())
                    .containsKey("ledger.txt");
            assertThat(doc.getDocumentCatalog().getOpenAction()).isNull();
            assertThat(doc.getDocument().getDocumentID().getString(0))
                    .as("a fresh document id")
                    .isNotEmpty();
        }
    }

    @Test
    void exiftoolFindsNoIdentifyingTagAfterCleaning() throws Exception {
        Assumptions.assumeTrue(TestFiles.exiftoolPresent(), "exiftool not installed");
        String before = TestFiles.exiftool(DocumentFixtures.pdf(), ".pdf");
        String after =
                TestFiles.exiftool(TestFiles.scrub(DocumentFixtures.pdf()).bytes(), ".pdf");

        assertThat(before).contains("\"PDF:Author\"", "\"XMP-dc:Creator\"", "Amina");
        assertThat(after)
                .doesNotContain(
                        "\"PDF:Author\"",
                        "\"PDF:Creator\"",
                        "\"PDF:Producer\"",
                        "\"XMP-dc:Creator\"",
                        "\"XMP-xmp:CreatorTool\"")
                .doesNotContain("\"PDF:CreateDate\"", "\"PDF:ModifyDate\"", "\"PDF:Title\"");
        assertNoIdentifiers(after);
    }
}
