// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebpCleanerTest {
    private static final byte[] ORIGINAL = ImageFixtures.webpWithMetadata();

    @Test
    void metadataExtractorFindsNothingIdentifyingAfterCleaning() throws Exception {
        assertThat(String.join("\n", IndependentReaders.metadataExtractor(ORIGINAL)))
                .as("the fixture really carries the metadata")
                .contains("GPS:", "XMP:", ExifFixture.BODY_SERIAL);
        ScrubRun run = ScrubRun.of(ORIGINAL);

        String seen = String.join("\n", IndependentReaders.metadataExtractor(run.cleaned()));

        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(seen).doesNotContain("GPS", "Exif", "XMP");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void exiftoolFindsNothingIdentifyingAfterCleaning() throws Exception {
        assumeTrue(IndependentReaders.exiftoolAvailable(), "exiftool not on PATH");
        assertThat(IndependentReaders.exiftool(ORIGINAL, ".webp")).contains("GPS:GPSLatitude", "XMP-dc:Creator");

        String seen = IndependentReaders.exiftool(ScrubRun.of(ORIGINAL).cleaned(), ".webp");

        assertThat(seen).doesNotContain("\"GPS:", "\"IFD0:", "\"IFD1:", "\"ExifIFD:", "\"XMP", "Warning");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void imageChunkIsByteIdenticalFlagsAreClearedAndTheRiffSizeStillMatches() throws Exception {
        byte[] cleaned = ScrubRun.of(ORIGINAL).cleaned();
        String text = new String(cleaned, StandardCharsets.ISO_8859_1);

        assertThat(ByteBuffer.wrap(cleaned).order(ByteOrder.LITTLE_ENDIAN).getInt(4))
                .isEqualTo(cleaned.length - 8);
        assertThat(cleaned[20] & 0x0C).as("EXIF and XMP flags").isZero();
        int vp8l = text.indexOf("VP8L");
        assertThat(new String(ORIGINAL, StandardCharsets.ISO_8859_1).indexOf("VP8L"))
                .isEqualTo(vp8l);
        byte[] pixel = ImageFixtures.vp8lPixel();
        assertThat(java.util.Arrays.copyOfRange(cleaned, vp8l + 8, vp8l + 8 + pixel.length))
                .isEqualTo(pixel);
        assertThat(text).doesNotContain("EXIF", "XMP ");
    }

    @Test
    void findingsSayWhatWasRemovedInPlainWords() throws Exception {
        ScrubReport report = ScrubRun.of(ORIGINAL).report();

        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .startsWith("Exif metadata - removed", "camera make - removed")
                .contains("GPS position - removed", "XMP metadata - removed", "XMP creator name - removed");
        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains("GPS position 2.1234 S 37.5678 E - removed");
    }
}
