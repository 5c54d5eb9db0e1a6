// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GifCleanerTest {
    private static final byte[] ORIGINAL = ImageFixtures.gifWithMetadata();

    @Test
    void metadataExtractorFindsNothingIdentifyingAfterCleaning() throws Exception {
        assertThat(String.join("\n", IndependentReaders.metadataExtractor(ORIGINAL)))
                .as("the fixture really carries the metadata")
                .contains("XMP:", ImageFixtures.COMMENT);
        ScrubRun run = ScrubRun.of(ORIGINAL);

        String seen = String.join("\n", IndependentReaders.metadataExtractor(run.cleaned()));

        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(seen).doesNotContain("XMP", "Comment");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void exiftoolFindsNothingIdentifyingAfterCleaning() throws Exception {
        assumeTrue(IndependentReaders.exiftoolAvailable(), "exiftool not on PATH");
        assertThat(IndependentReaders.exiftool(ORIGINAL, ".gif")).contains("XMP-dc:Creator", "Comment");

        String seen = IndependentReaders.exiftool(ScrubRun.of(ORIGINAL).cleaned(), ".gif");

        assertThat(seen).doesNotContain("\"XMP", "Comment");
        assertThat(seen).doesNotContain(ImageFixtures.IDENTIFYING.toArray(String[]::new));
    }

    @Test
    void pixelsAndTheLoopingBlockAreKept() throws Exception {
        byte[] cleaned = ScrubRun.of(ORIGINAL).cleaned();

        ScrubRun.assertSamePixels(ORIGINAL, cleaned);
        assertThat(new String(cleaned, StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0");
        byte[] plain = ImageFixtures.plainGif();
        assertThat(ScrubRun.of(plain).cleaned()).isEqualTo(plain);
    }

    @Test
    void findingsSayWhatWasRemovedInPlainWords() throws Exception {
        ScrubReport report = ScrubRun.of(ORIGINAL).report();

        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .containsExactly("comment - removed", "XMP metadata - removed");
        assertThat(report.findings().get(0).withValue()).contains(ImageFixtures.COMMENT);
    }
}
