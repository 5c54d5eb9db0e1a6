// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class PngCleanerTest {
    private static final byte[] ORIGINAL = ImageFixtures.pngWithMetadata();

    @Test
    void metadataExtractorFindsNothingIdentifyingAfterCleaning() throws Exception {
        assertThat(String.join("\n", IndependentReaders.metadataExtractor(ORIGINAL)))
                .as("the fixture really carries the metadata")
                .contains("GPS:", "XMP:", ExifFixture.ARTIST, ExifFixture.BODY_SERIAL);
        ScrubRun run = ScrubRun.of(ORIGINAL);

        String seen = String.join("\n", IndependentReaders.metadataExtractor(run.cleaned()));

        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(seen).doesNotContain("GPS", "Exif", "XMP", "Textual Data", "Last Modification Time");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void exiftoolFindsNothingIdentifyingAfterCleaning() throws Exception {
        assumeTrue(IndependentReaders.exiftoolAvailable(), "exiftool not on PATH");
        assertThat(IndependentReaders.exiftool(ORIGINAL, ".png")).contains("GPS:GPSLatitude", "PNG:Author");

        String seen = IndependentReaders.exiftool(ScrubRun.of(ORIGINAL).cleaned(), ".png");

        assertThat(seen).doesNotContain("\"GPS:", "\"IFD0:", "\"IFD1:", "\"ExifIFD:", "\"XMP", "PNG:ModifyDate");
        assertThat(seen).doesNotContain("Author", "Comment", "Description", "prVt");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void pixelsAreUnchangedAndAPlainPngIsCopiedByteForByte() throws Exception {
        ScrubRun.assertSamePixels(ORIGINAL, ScrubRun.of(ORIGINAL).cleaned());
        byte[] plain = ImageFixtures.plainPng();
        assertThat(ScrubRun.of(plain).cleaned()).isEqualTo(plain);
    }

    @Test
    void findingsSayWhatWasRemovedInPlainWordsAndValuesOnlyOnRequest() throws Exception {
        ScrubReport report = ScrubRun.of(ORIGINAL).report();

        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .containsExactly(
                        "text chunk 'Author' - removed",
                        "text chunk 'Comment' - removed",
                        "text chunk 'Description' - removed",
                        "XMP metadata - removed",
                        "XMP creator name - removed",
                        "XMP GPS position - removed",
                        "Exif metadata - removed",
                        "camera make - removed",
                        "camera model - removed",
                        "software - removed",
                        "artist name - removed",
                        "copyright notice - removed",
                        "date and time taken - removed",
                        "camera owner name - removed",
                        "camera serial number - removed",
                        "lens serial number - removed",
                        "GPS position - removed",
                        "embedded thumbnail - removed",
                        "modification time - removed",
                        "unrecognised chunk - removed");
        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains(
                        "text chunk 'Author' Jane Ranger - removed",
                        "text chunk 'Comment' " + ImageFixtures.COMMENT + " - removed",
                        "GPS position 2.1234 S 37.5678 E - removed",
                        "modification time 2024-05-06 07:08:09 - removed");
        assertThat(report.findings().toString()).doesNotContain("Jane", "2.1234");
    }

    @Test
    void aChunkWithAWrongChecksumFails() throws Exception {
        byte[] broken = ORIGINAL.clone();
        broken[8 + 8 + 13] ^= 1;

        ScrubRun run = ScrubRun.of(broken);

        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(run.findings()).singleElement().asString().contains("checksum");
        assertThat(run.consumed()).isTrue();
    }
}
