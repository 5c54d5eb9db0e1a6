// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeifCleanerTest {

    @Test
    void fixtureCarriesGpsThatMediaReadersSee() throws Exception {
        byte[] heic = MediaFixtures.heic();

        assertThat(MediaReaders.exiftool(heic, ".heic")).contains(MediaFixtures.MAKE, "36 deg");
    }

    @Test
    void heifIsCopiedUnchangedAndFailsSoOnlyTheOriginalIsKept() throws Exception {
        byte[] heic = MediaFixtures.heic();

        Mp4CleanerTest.Cleaned cleaned = Mp4CleanerTest.clean(heic);

        assertThat(cleaned.bytes()).isEqualTo(heic);
        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(cleaned.report().findings())
                .extracting(Finding::withoutValue)
                .contains(
                        "could not be cleaned (HEIF is only checked, not cleaned); only the original is kept - flagged",
                        "Exif metadata (GPS and camera details may be present) - flagged");
    }

    @Test
    void exifValuesInTheHeifAreNamedForWhoeverOpensTheOriginal() throws Exception {
        ScrubReport report = Mp4CleanerTest.clean(MediaFixtures.heic()).report();

        assertThat(report.findings())
                .extracting(Finding::withValue)
                .contains(
                        "GPS position 1.2345 N 36.7890 W - flagged",
                        "camera make " + MediaFixtures.MAKE + " - flagged",
                        "camera model " + MediaFixtures.MODEL + " - flagged");
    }
}
