// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteOrder;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TiffCleanerTest {
    static final List<String> IDENTIFYING = List.of(
            MediaFixtures.MAKE,
            MediaFixtures.MODEL,
            "Firmware",
            MediaFixtures.AUTHOR,
            MediaFixtures.SERIAL,
            "2019",
            "36 deg",
            "36.78",
            "1.2345",
            "1 deg 14");

    private static ByteOrder order(boolean little) {
        return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    @ParameterizedTest(name = "little-endian {0}")
    @ValueSource(booleans = {true, false})
    void independentReadersFindNothingIdentifyingAfterCleaning(boolean little) throws Exception {
        byte[] original = TiffFixtures.tiff(order(little));
        assertThat(MediaReaders.exiftool(original, ".tif"))
                .contains(MediaFixtures.MAKE, MediaFixtures.SERIAL, "36 deg", "2019");
        assertThat(MediaReaders.metadataExtractor(original)).contains(MediaFixtures.MAKE, "GPS");

        byte[] cleaned = Mp4CleanerTest.clean(original).bytes();

        String exiftool = MediaReaders.exiftool(cleaned, ".tif");
        String extractor = MediaReaders.metadataExtractor(cleaned);
        for (String value : IDENTIFYING) {
            assertThat(exiftool).as("exiftool").doesNotContain(value);
            assertThat(extractor).as("metadata-extractor").doesNotContain(value);
        }
        assertThat(exiftool).doesNotContain("GPS", "Make", "Model", "Software", "Artist", "Warning", "IFD1");
        assertThat(extractor).doesNotContain("GPS", "Exif SubIFD", "error", "unreadable");
    }

    @ParameterizedTest(name = "little-endian {0}")
    @ValueSource(booleans = {true, false})
    void pixelsAreTheSameAfterCleaning(boolean little) throws Exception {
        byte[] original = TiffFixtures.tiff(order(little));

        byte[] cleaned = Mp4CleanerTest.clean(original).bytes();

        BufferedImage before = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(cleaned));
        assertThat(after.getWidth()).isEqualTo(TiffFixtures.WIDTH);
        assertThat(after.getHeight()).isEqualTo(TiffFixtures.HEIGHT);
        for (int y = 0; y < before.getHeight(); y++) {
            for (int x = 0; x < before.getWidth(); x++) {
                assertThat(after.getRGB(x, y)).isEqualTo(before.getRGB(x, y));
            }
        }
        assertThat(cleaned[0]).isEqualTo(original[0]);
    }

    @ParameterizedTest(name = "little-endian {0}")
    @ValueSource(booleans = {true, false})
    void findingsNameWhatWasRemovedWithTheValuesKeptApart(boolean little) throws Exception {
        ScrubReport report =
                Mp4CleanerTest.clean(TiffFixtures.tiff(order(little))).report();

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains(
                        "GPS position 1.2345 N 36.7890 W - removed",
                        "camera make " + MediaFixtures.MAKE + " - removed",
                        "camera model " + MediaFixtures.MODEL + " - removed",
                        "software " + MediaFixtures.SOFTWARE + " - removed",
                        "author name " + MediaFixtures.AUTHOR + " - removed",
                        "camera serial number " + MediaFixtures.SERIAL + " - removed",
                        "date taken " + TiffFixtures.DATE + " - removed",
                        "Exif metadata (camera settings, dates, serial numbers) - removed",
                        "additional pages or thumbnails 1 more - removed");
        assertThat(report.findings()).extracting(Finding::withoutValue).allSatisfy(w -> {
            for (String value : IDENTIFYING) {
                assertThat(w).doesNotContain(value);
            }
        });
    }
}
