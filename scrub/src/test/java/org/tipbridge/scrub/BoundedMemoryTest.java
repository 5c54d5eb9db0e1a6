// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Huge images generated on the fly: the cleaners stream them with bounded read-ahead and a flat heap. */
class BoundedMemoryTest {
    private static final long BIG = 200L << 20;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aJpegOf200MegabytesStreamsWithoutReadingFarAheadOfItsOutput() throws Exception {
        byte[] plain = ImageFixtures.plainJpeg();
        int sos = JpegCleanerTest.startOfScan(plain);
        int scanStart = sos + 2 + (((plain[sos + 2] & 0xFF) << 8) | (plain[sos + 3] & 0xFF));
        CountingOutput out = new CountingOutput();
        PatternInput entropy = new PatternInput(entropyBlock(), BIG, out, scanStart);
        InputStream in =
                sequence(new ByteArrayInputStream(plain, 0, scanStart), entropy, new ByteArrayInputStream(new byte[] {
                    -1, (byte) 0xD9
                }));

        ScrubReport report = Scrubber.standard().scrub(in, out, ScrubLimits.DEFAULT);

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(out.count).isEqualTo(scanStart + BIG + 2);
        assertThat(entropy.maxLead).as("bytes read ahead of bytes written").isLessThan(256 * 1024);
        assertThat(entropy.maxHeapGrowth).as("heap growth while streaming").isLessThan(64L << 20);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRemovedPngChunkOf200MegabytesIsSkippedWithAFlatHeap() throws Exception {
        byte[] plain = ImageFixtures.plainPng();
        byte[] header = ByteBuffer.allocate(8)
                .putInt((int) BIG)
                .put("prVt".getBytes(StandardCharsets.US_ASCII))
                .array();
        byte[] zeros = new byte[1 << 16];
        CRC32 crc = new CRC32();
        crc.update(header, 4, 4);
        for (long done = 0; done < BIG; done += zeros.length) {
            crc.update(zeros);
        }
        PatternInput data = new PatternInput(zeros, BIG, null, 0);
        InputStream in = sequence(
                new ByteArrayInputStream(ImageFixtures.concat(Arrays.copyOf(plain, 33), header)),
                data,
                new ByteArrayInputStream(
                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()),
                new ByteArrayInputStream(plain, 33, plain.length - 33));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ScrubReport report = Scrubber.standard().scrub(in, out, ScrubLimits.DEFAULT);

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.CLEANED);
        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(data.maxHeapGrowth).as("heap growth while skipping").isLessThan(64L << 20);
    }

    /** Entropy-coded bytes without markers except stuffed 0xFF00 pairs and a restart marker. */
    private static byte[] entropyBlock() {
        byte[] block = new byte[1 << 16];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ((i * 7) % 255);
        }
        for (int i = 100; i + 1 < block.length; i += 1000) {
            block[i] = (byte) 0xFF;
            block[i + 1] = 0;
        }
        block[5000] = (byte) 0xFF;
        block[5001] = (byte) 0xD3;
        return block;
    }

    private static InputStream sequence(InputStream... parts) {
        return new SequenceInputStream(Collections.enumeration(List.of(parts)));
    }

    /**
     * Serves {@code total} bytes by repeating a block, and watches the heap and how far reading runs
     * ahead of writing ({@code written} counts the output, which held {@code writtenBefore} bytes
     * when this part began; null when nothing of this part is written).
     */
    private static final class PatternInput extends InputStream {
        private final byte[] block;
        private final long total;
        private final CountingOutput written;
        private final long writtenBefore;
        private final long baseline;
        private long done;
        private long nextSample;
        long maxLead;
        long maxHeapGrowth;

        PatternInput(byte[] block, long total, CountingOutput written, long writtenBefore) {
            this.block = block;
            this.total = total;
            this.written = written;
            this.writtenBefore = writtenBefore;
            System.gc();
            this.baseline = used();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (done >= total) {
                return -1;
            }
            int at = (int) (done % block.length);
            int n = (int) Math.min(Math.min(len, block.length - at), total - done);
            System.arraycopy(block, at, b, off, n);
            done += n;
            if (written != null) {
                maxLead = Math.max(maxLead, done - Math.max(0, written.count - writtenBefore));
            }
            if (done >= nextSample) {
                maxHeapGrowth = Math.max(maxHeapGrowth, used() - baseline);
                nextSample += 8L << 20;
            }
            return n;
        }

        private static long used() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }

    private static final class CountingOutput extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
