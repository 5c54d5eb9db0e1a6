// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JpegCleanerTest {
    private static final byte[] ORIGINAL = ImageFixtures.jpegWithMetadata();

    @Test
    void metadataExtractorFindsNothingIdentifyingAfterCleaning() throws Exception {
        assertThat(String.join("\n", IndependentReaders.metadataExtractor(ORIGINAL)))
                .as("the fixture really carries the metadata")
                .contains("GPS:", "Exif Thumbnail:", "XMP:", "IPTC:", "JpegComment:", ExifFixture.BODY_SERIAL);
        ScrubRun run = ScrubRun.of(ORIGINAL);

        String seen = String.join("\n", IndependentReaders.metadataExtractor(run.cleaned()));

        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(seen)
                .doesNotContain(
                        "GPS", "Exif IFD0", "Exif SubIFD", "Exif Thumbnail", "XMP", "IPTC", "Photoshop", "Comment");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void exiftoolFindsNothingIdentifyingAfterCleaning() throws Exception {
        assumeTrue(IndependentReaders.exiftoolAvailable(), "exiftool not on PATH");
        assertThat(IndependentReaders.exiftool(ORIGINAL, ".jpg")).contains("GPS:GPSLatitude", "IPTC:By-line");

        String seen = IndependentReaders.exiftool(ScrubRun.of(ORIGINAL).cleaned(), ".jpg");

        assertThat(seen)
                .doesNotContain("\"GPS:", "\"IFD0:", "\"IFD1:", "\"ExifIFD:", "\"XMP", "\"IPTC:", "\"Photoshop:");
        assertThat(seen).doesNotContain("Comment", "Trailer", "MakerNotes");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void pixelsAndEveryByteFromStartOfScanToEndOfImageAreUnchanged() throws Exception {
        byte[] cleaned = ScrubRun.of(ORIGINAL).cleaned();

        ScrubRun.assertSamePixels(ORIGINAL, cleaned);
        int imageEnd = ORIGINAL.length - ImageFixtures.TRAILER.length();
        assertThat(Arrays.copyOfRange(cleaned, startOfScan(cleaned), cleaned.length))
                .isEqualTo(Arrays.copyOfRange(ORIGINAL, startOfScan(ORIGINAL), imageEnd));
    }

    @Test
    void colourAndFrameSegmentsAreKeptAsTheyWere() throws Exception {
        byte[] plain = ImageFixtures.plainJpeg();

        ScrubRun run = ScrubRun.of(plain);

        assertThat(run.cleaned()).isEqualTo(plain);
        assertThat(run.findings()).isEmpty();
    }

    @Test
    void findingsSayWhatWasRemovedInPlainWordsAndTheGpsValueOnlyOnRequest() throws Exception {
        ScrubReport report = ScrubRun.of(ORIGINAL).report();

        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .containsExactly(
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
                        "XMP metadata - removed",
                        "XMP creator name - removed",
                        "XMP GPS position - removed",
                        "IPTC metadata - removed",
                        "IPTC author name (by-line) - removed",
                        "IPTC city - removed",
                        "IPTC country - removed",
                        "comment - removed",
                        "maker-specific data - removed",
                        "data after the end of the image - removed");
        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains("GPS position 2.1234 S 37.5678 E - removed", "camera serial number BODYSN123456 - removed");
        assertThat(report.findings().toString()).doesNotContain("2.1234", "37.5678", ExifFixture.BODY_SERIAL);
    }

    /** Where the first SOS marker is, found by walking segments (a thumbnail inside Exif has its own). */
    static int startOfScan(byte[] jpeg) {
        int at = 2;
        while ((jpeg[at + 1] & 0xFF) != 0xDA) {
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return at;
    }
}
