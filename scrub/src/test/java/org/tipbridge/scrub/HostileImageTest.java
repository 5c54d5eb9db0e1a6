// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed and hostile images (after the first 12 bytes, which the sniffer needs): each ends FAILED (or CLEANED where the file is still valid), quickly, with the input read to its end. */
class HostileImageTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void truncationAtEveryCutPointFailsWithoutException() throws Exception {
        List<byte[]> files = List.of(
                ImageFixtures.jpegWithMetadata(),
                ImageFixtures.pngWithMetadata(),
                ImageFixtures.gifWithMetadata(),
                ImageFixtures.webpWithMetadata());
        int[] imageEnds = {
            files.get(0).length - ImageFixtures.TRAILER.length(),
            files.get(1).length,
            files.get(2).length,
            files.get(3).length
        };
        for (int f = 0; f < files.size(); f++) {
            for (int cut = 0; cut < imageEnds[f]; cut++) {
                ScrubRun run = ScrubRun.of(Arrays.copyOf(files.get(f), cut));
                assertThat(run.consumed()).isTrue();
                if (cut >= 12) {
                    assertThat(run.outcome()).as("file %d cut at %d", f, cut).isEqualTo(ScrubReport.Outcome.FAILED);
                }
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void jpegSegmentLengthsPastTheEndOrBelowTwoFail() throws Exception {
        for (int length : new int[] {0, 1, 0xFFFF}) {
            byte[] file = {
                (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x'
            };
            assertFailedAndConsumed(ScrubRun.of(file));
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void exifDirectoryThatLoopsOrClaimsHugeCountsIsRemovedWithoutHanging() throws Exception {
        for (int count : new int[] {1, 0xFFFF}) {
            byte[] file =
                    jpegWithApp1(ImageFixtures.concat(ImageFixtures.ascii("Exif\0\0"), ExifFixture.loopingTiff(count)));

            ScrubRun run = ScrubRun.of(file);

            assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
            assertThat(run.findings()).contains("Exif metadata - removed", "unreadable Exif structure - removed");
            assertThat(run.cleaned()).isEqualTo(ImageFixtures.plainJpeg());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void rejectsPngClaimingTenGigapixels() throws Exception {
        byte[] plain = ImageFixtures.plainPng();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(plain, 0, 8);
        ImageFixtures.chunk(
                file,
                "IHDR",
                java.nio.ByteBuffer.allocate(13)
                        .putInt(100_000)
                        .putInt(100_000)
                        .put((byte) 8)
                        .put((byte) 2)
                        .array());
        file.write(plain, 33, plain.length - 33);

        ScrubRun run = ScrubRun.of(file.toByteArray());

        assertFailedAndConsumed(run);
        assertThat(run.findings().get(0)).contains("pixel limit");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectsCompressionBombInPngText() throws Exception {
        byte[] bomb = ImageFixtures.deflate(new byte[50 << 20]);
        byte[] plain = ImageFixtures.plainPng();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(plain, 0, 33);
        ImageFixtures.chunk(file, "zTXt", ImageFixtures.concat(ImageFixtures.ascii("Comment\0\0"), bomb));
        file.write(plain, 33, plain.length - 33);

        ScrubRun run = ScrubRun.of(file.toByteArray());

        assertFailedAndConsumed(run);
        assertThat(run.findings().get(0)).contains("expansion limit");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void gifCommentWithEndlessSubBlocksFailsAndIsReadToItsEnd() throws Exception {
        byte[] plain = ImageFixtures.plainGif();
        byte[] start = ImageFixtures.concat(Arrays.copyOf(plain, 13 + 768), new byte[] {0x21, (byte) 0xFE});
        byte[] block = {(byte) 255, 0};
        InputStream endless = new InputStream() {
            long left = 200L << 20;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, Math.min(left, 256));
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = block[(left - i) % 256 == 0 ? 0 : 1];
                }
                left -= n;
                return n;
            }
        };
        ScrubRun.EndTrackingInput in = new ScrubRun.EndTrackingInput(
                new SequenceInputStream(new java.io.ByteArrayInputStream(start), endless));

        ScrubReport report =
                Scrubber.standard().scrub(in, java.io.OutputStream.nullOutputStream(), ScrubLimits.DEFAULT);

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(in.reachedEnd).isTrue();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomBytesAfterAValidSignatureNeverCrash() throws Exception {
        byte[][] signatures = {
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            ImageFixtures.ascii("GIF89a"),
            ImageFixtures.ascii("RIFF\u0000\u0100\u0000\u0000WEBP"),
        };
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] rest = new byte[random.nextInt(5000)];
            random.nextBytes(rest);
            ScrubRun run = ScrubRun.of(ImageFixtures.concat(signatures[i % signatures.length], rest));
            assertThat(run.consumed()).isTrue();
            assertThat(run.findings()).noneMatch(f -> f.contains("unexpected structure"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomlyDamagedFixturesNeverCrash() throws Exception {
        List<byte[]> files = List.of(
                ImageFixtures.jpegWithMetadata(),
                ImageFixtures.pngWithMetadata(),
                ImageFixtures.gifWithMetadata(),
                ImageFixtures.webpWithMetadata());
        Random random = new Random(7);
        for (int i = 0; i < 4000; i++) {
            byte[] file = files.get(i % files.size()).clone();
            for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                file[3 + random.nextInt(file.length - 3)] = (byte) random.nextInt(256);
            }
            ScrubRun run = ScrubRun.of(file);
            assertThat(run.consumed()).isTrue();
            assertThat(run.findings()).noneMatch(f -> f.contains("unexpected structure"));
        }
    }

    private static byte[] jpegWithApp1(byte[] data) {
        byte[] plain = ImageFixtures.plainJpeg();
        int afterApp0 = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterApp0);
        ImageFixtures.segment(out, 0xE1, data);
        out.write(plain, afterApp0, plain.length - afterApp0);
        return out.toByteArray();
    }

    private static void assertFailedAndConsumed(ScrubRun run) throws IOException {
        assertThat(run.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(run.consumed()).isTrue();
    }
}
