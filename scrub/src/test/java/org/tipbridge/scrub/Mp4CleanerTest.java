// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Mp4CleanerTest {
    static final List<String> IDENTIFYING = List.of(
            MediaFixtures.MAKE,
            MediaFixtures.MODEL,
            "Firmware",
            "Jane",
            "2019",
            "36.78",
            "36 deg",
            "1.2345",
            "1 deg 14");

    @ParameterizedTest(name = "movie first {0}, 64-bit mdat {1}")
    @CsvSource({"true,false", "false,true"})
    void independentReadersFindNothingIdentifyingAfterCleaning(boolean movieFirst, boolean largeMdat) throws Exception {
        byte[] original = MediaFixtures.mp4(movieFirst, largeMdat);
        assertThat(MediaReaders.exiftool(original, ".mov")).contains(MediaFixtures.MAKE, "36 deg", "2019");

        byte[] cleaned = clean(original).bytes;

        String exiftool = MediaReaders.exiftool(cleaned, ".mov");
        String extractor = MediaReaders.metadataExtractor(cleaned);
        for (String value : IDENTIFYING) {
            assertThat(exiftool).as("exiftool").doesNotContain(value);
            assertThat(extractor).as("metadata-extractor").doesNotContain(value);
        }
        assertThat(exiftool).doesNotContain("GPS", "Make", "Model", "Software", "Artist", "Warning");
    }

    @ParameterizedTest(name = "movie first {0}, 64-bit mdat {1}")
    @CsvSource({"true,false", "false,true"})
    void mediaBytesAndEveryChunkOffsetStayValid(boolean movieFirst, boolean largeMdat) throws Exception {
        byte[] original = MediaFixtures.mp4(movieFirst, largeMdat);

        byte[] cleaned = clean(original).bytes;

        assertThat(cleaned).hasSameSizeAs(original);
        long[] offsets = TestBoxes.chunkOffsets(cleaned);
        assertThat(offsets).hasSize(2);
        for (int i = 0; i < offsets.length; i++) {
            int at = (int) offsets[i];
            assertThat(Arrays.copyOfRange(cleaned, at, at + 32))
                    .isEqualTo(Arrays.copyOfRange(MediaFixtures.SAMPLES, 32 * i, 32 * i + 32));
        }
        assertThat(TestBoxes.payload(cleaned, "mdat")).isEqualTo(TestBoxes.payload(original, "mdat"));
    }

    @ParameterizedTest(name = "movie first {0}, 64-bit mdat {1}")
    @CsvSource({"true,false", "false,true"})
    void findingsNameWhatWasRemovedWithTheValuesKeptApart(boolean movieFirst, boolean largeMdat) throws Exception {
        ScrubReport report = clean(MediaFixtures.mp4(movieFirst, largeMdat)).report;

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains(
                        "GPS position 1.2345 N 36.7890 W - removed",
                        "camera make " + MediaFixtures.MAKE + " - removed",
                        "camera model " + MediaFixtures.MODEL + " - removed",
                        "software " + MediaFixtures.SOFTWARE + " - removed",
                        "author name " + MediaFixtures.AUTHOR + " - removed",
                        "recording time 2019-05-06T07:08:09Z - removed");
        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .doesNotContainNull()
                .allSatisfy(w -> {
                    for (String value : IDENTIFYING) {
                        assertThat(w).doesNotContain(value);
                    }
                });
    }

    record Cleaned(byte[] bytes, ScrubReport report) {}

    static Cleaned clean(byte[] file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScrubReport report = Scrubber.standard().scrub(new ByteArrayInputStream(file), out, ScrubLimits.DEFAULT);
        return new Cleaned(out.toByteArray(), report);
    }
}
