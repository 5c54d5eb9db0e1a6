// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ZipCleanerTest {

    @Test
    void plainZipLosesCommentTimesAndOwnerIdsAndKeepsNamesAndContent() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.zipWithPhoto());

        assertThat(cleaned.report().format()).isEqualTo(Format.ZIP);
        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(cleaned.findings())
                .contains("ZIP comment - removed", "file times - removed", "file owner (user and group ids) - removed");
        ZipArchive zip = ZipArchive.read(cleaned.bytes(), new ExpansionBudget(ScrubLimits.DEFAULT));
        assertThat(zip.comment()).isEmpty();
        assertThat(zip.extraIds()).isEmpty();
        assertThat(zip.entries())
                .allSatisfy(e -> assertThat(ZipTimes.unset(e.dosTime())).isTrue());
        Map<String, byte[]> entries = TestFiles.entries(cleaned.bytes());
        assertThat(entries).containsOnlyKeys("notes.txt", "photos/a.jpg");
        assertThat(new String(entries.get("notes.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("meet at the north gate");
        assertThat(new String(cleaned.bytes(), StandardCharsets.ISO_8859_1))
                .doesNotContainIgnoringCase("packed by amina");
    }

    @Test
    void innerFilesAreCleanedByTheScrubberAndTheirFindingsCarryTheEntryName() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.zipWithPhoto());

        assertThat(TestFiles.zipText(cleaned.bytes())).doesNotContain("AminaCam");
        assertThat(cleaned.findings()).contains("a .jpg file inside: camera make - removed");
        assertThat(cleaned.findings()).contains("a .txt file inside: metadata not checked - flagged");
        assertThat(cleaned.report().findings())
                .filteredOn(f -> f.what().equals("a .jpg file inside: camera make - removed".replace(" - removed", "")))
                .singleElement()
                .satisfies(f -> assertThat(f.withValue()).contains("photos/a.jpg"));
    }

    @Test
    void zipsWithinTheDepthLimitAreOpenedAndCleanedInside() throws Exception {
        TestFiles.Cleaned cleaned = TestFiles.scrub(DocumentFixtures.nestedZip(3));

        assertThat(cleaned.report().outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(cleaned.findings())
                .contains("a .zip file inside: a .zip file inside: a .txt file inside: metadata not checked - flagged");
        assertThat(TestFiles.zipText(cleaned.bytes())).contains("the innermost note");
    }

    @Test
    void exiftoolFindsNoZipCommentOrTimesAfterCleaning() throws Exception {
        Assumptions.assumeTrue(TestFiles.exiftoolPresent(), "exiftool not installed");
        String before = TestFiles.exiftool(DocumentFixtures.zipWithPhoto(), ".zip");
        String after = TestFiles.exiftool(
                TestFiles.scrub(DocumentFixtures.zipWithPhoto()).bytes(), ".zip");

        assertThat(before).contains("packed by amina", "2024:05:06");
        assertThat(after).doesNotContainIgnoringCase("amina").doesNotContain("2024:05:06");
    }
}
