// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tipbridge.scrub.MediaFixtures.box;
import static org.tipbridge.scrub.MediaFixtures.cat;
import static org.tipbridge.scrub.MediaFixtures.u32;
import static org.tipbridge.scrub.MediaFixtures.u64;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed and hostile files: none crashes, hangs or holds unbounded memory; each is read to its end. */
class HostileMediaTest {
    private static final ScrubLimits SMALL = new ScrubLimits(64 * 1024, 64, 8, 1 << 20, 10, 1_000_000);

    private static final Map<String, Supplier<byte[]>> FIXTURES = Map.of(
            "mp4", () -> MediaFixtures.mp4(true, false),
            "mov", () -> MediaFixtures.mp4(false, true),
            "tiff-le", () -> TiffFixtures.tiff(ByteOrder.LITTLE_ENDIAN),
            "tiff-be", () -> TiffFixtures.tiff(ByteOrder.BIG_ENDIAN),
            "heic", MediaFixtures::heic);

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mov", "tiff-le", "tiff-be", "heic"})
    void truncatedAtEveryCutPointFailsOrStaysCleanWithoutException(String name) {
        byte[] file = FIXTURES.get(name).get();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int cut = 0; cut < file.length; cut++) {
                Run run = run(Arrays.copyOf(file, cut), ScrubLimits.DEFAULT);
                assertNoIdentifyingValueIfCleaned(run, "cut " + cut);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mov", "tiff-le", "tiff-be", "heic"})
    void randomlyCorruptedFilesFailOrStayCleanWithoutException(String name) {
        byte[] file = FIXTURES.get(name).get();
        Random random = new Random(name.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 3000; i++) {
                byte[] bad = file.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                assertNoIdentifyingValueIfCleaned(run(bad, SMALL), "mutation " + i);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {2, 7, 1 << 30, 0xFFFF_FFFFL})
    void impossibleBoxSizesFail(long size) throws Exception {
        byte[] file =
                cat(box("ftyp", MediaFixtures.ascii("isom")), u32(size), MediaFixtures.ascii("moov"), new byte[64]);

        assertThat(run(file, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void sixtyFourBitSizesNearLongMaxFailWithoutAllocating() throws Exception {
        for (String type : new String[] {"moov", "mdat", "uuid", "abcd"}) {
            for (long size : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 8, -1L, 15}) {
                byte[] file = cat(
                        box("ftyp", MediaFixtures.ascii("isom")),
                        u32(1),
                        MediaFixtures.ascii(type),
                        u64(size),
                        new byte[64]);
                assertThat(run(file, ScrubLimits.DEFAULT).report.outcome())
                        .as(type + " " + size)
                        .isEqualTo(ScrubReport.Outcome.FAILED);
            }
        }
    }

    @Test
    void rejectsBoxesNestedDeeperThanMaxDepth() throws Exception {
        byte[] inner = box("\u00A9mak", new byte[8]);
        for (int i = 0; i < 20; i++) {
            inner = box("meta", u32(0), inner);
        }
        byte[] file = cat(box("ftyp", MediaFixtures.ascii("isom")), box("moov", box("udta", inner)));

        assertThat(run(file, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsMoreBoxesThanMaxSegments() throws Exception {
        byte[] many = new byte[0];
        for (int i = 0; i < 100; i++) {
            many = cat(many, box("free"));
        }
        byte[] inMovie = cat(box("ftyp", MediaFixtures.ascii("isom")), box("moov", many));
        byte[] topLevel = cat(box("ftyp", MediaFixtures.ascii("isom")), many, box("moov"));

        assertThat(run(inMovie, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(run(topLevel, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsAMovieBoxOverTheMemoryLimit() throws Exception {
        byte[] file = cat(box("ftyp", MediaFixtures.ascii("isom")), box("moov", new byte[70_000]));

        assertThat(run(file, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsTiffDirectoryLoop() throws Exception {
        byte[] tiff = TiffFixtures.tiff(ByteOrder.BIG_ENDIAN);
        int first = (int) Bytes.u32(tiff, 4);
        int next = first + 2 + 12 * Bytes.u16(tiff, first);
        System.arraycopy(u32(first), 0, tiff, next, 4);

        assertThat(run(tiff, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsTiffOffsetsPastTheEnd() throws Exception {
        byte[] header = TiffFixtures.tiff(ByteOrder.BIG_ENDIAN);
        System.arraycopy(u32(0x7FFF_FFF0L), 0, header, 4, 4);
        byte[] strip = TiffFixtures.tiff(ByteOrder.BIG_ENDIAN);
        int first = (int) Bytes.u32(strip, 4);
        setValue(strip, first, 273, 0xFFFF_FFF0L);

        assertThat(run(header, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(run(strip, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsHugeTiffValueCounts() throws Exception {
        byte[] tiff = TiffFixtures.tiff(ByteOrder.BIG_ENDIAN);
        int first = (int) Bytes.u32(tiff, 4);
        for (int i = 0; i < Bytes.u16(tiff, first); i++) {
            int at = first + 2 + 12 * i;
            if (Bytes.u16(tiff, at) == 279) {
                System.arraycopy(u32(0xFFFF_FFFFL), 0, tiff, at + 4, 4);
            }
        }

        assertThat(run(tiff, SMALL).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsTiffClaimingAMillionByAMillionPixels() throws Exception {
        byte[] tiff = TiffFixtures.tiff(ByteOrder.BIG_ENDIAN);
        int first = (int) Bytes.u32(tiff, 4);
        setValue(tiff, first, 256, 1_000_000);
        setValue(tiff, first, 257, 1_000_000);

        assertThat(run(tiff, ScrubLimits.DEFAULT).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    @Test
    void rejectsATimedMetadataTrackThatMayHoldAGpsTrail() throws Exception {
        byte[] file = MediaFixtures.mp4(true, false);
        int vide = indexOf(file, "vide");
        System.arraycopy(MediaFixtures.ascii("meta"), 0, file, vide, 4);

        assertThat(run(file, ScrubLimits.DEFAULT).report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
    }

    private static void setValue(byte[] tiff, int directory, int tag, long value) {
        for (int i = 0; i < Bytes.u16(tiff, directory); i++) {
            int at = directory + 2 + 12 * i;
            if (Bytes.u16(tiff, at) == tag) {
                System.arraycopy(u32(value), 0, tiff, at + 8, 4);
            }
        }
    }

    private static int indexOf(byte[] b, String text) {
        return new String(b, StandardCharsets.ISO_8859_1).indexOf(text);
    }

    private static void assertNoIdentifyingValueIfCleaned(Run run, String what) {
        if (run.report.outcome() == ScrubReport.Outcome.CLEANED) {
            String text = new String(run.out, StandardCharsets.ISO_8859_1);
            assertThat(text).as(what).doesNotContain(MediaFixtures.MAKE, MediaFixtures.MODEL, MediaFixtures.AUTHOR);
        }
        assertThat(run.drained).as(what + " read to its end").isTrue();
    }

    record Run(ScrubReport report, byte[] out, boolean drained) {}

    /** Runs the format's cleaner directly (not through Scrubber, which would drain for it). */
    static Run run(byte[] file, ScrubLimits limits) throws Exception {
        byte[] head = Arrays.copyOf(file, Math.min(file.length, FormatSniffer.HEAD));
        Format format = FormatSniffer.sniff(head, head.length);
        Cleaner cleaner = Cleaners.all().getOrDefault(format, Cleaners.PASS_THROUGH);
        ByteArrayInputStream in = new ByteArrayInputStream(file, head.length, file.length - head.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScrubReport report = cleaner.clean(head, in, out, limits);
        return new Run(report, out.toByteArray(), in.available() == 0);
    }
}
