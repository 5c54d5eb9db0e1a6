// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void formatIsToldFromTheFirstBytesNotTheName() {
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo(Format.JPEG);
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).isEqualTo(Format.PNG);
        assertThat(sniff("GIF89a...".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Format.GIF);
        assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Format.WEBP);
        assertThat(sniff(bytes('I', 'I', 42, 0, 8, 0, 0, 0))).isEqualTo(Format.TIFF);
        assertThat(sniff(bytes('M', 'M', 0, 42, 0, 0, 0, 8))).isEqualTo(Format.TIFF);
        assertThat(sniff(bytes('P', 'K', 3, 4))).isEqualTo(Format.ZIP);
        assertThat(sniff("\0\0\0\u0018ftypheic\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(Format.HEIF);
        assertThat(sniff("\0\0\0\u0018ftypisom\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(Format.MP4);
        assertThat(sniff("\0\0\0\u0008wide\0\0\0\0mdat".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(Format.MP4);
        assertThat(sniff("junk before %PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Format.PDF);
        assertThat(sniff("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Format.UNKNOWN);
        assertThat(sniff(new byte[0])).isEqualTo(Format.UNKNOWN);
    }

    @Test
    void unknownFormatIsCopiedUnchangedAndFlaggedNotChecked() throws Exception {
        byte[] file = new byte[5000];
        new java.util.Random(1).nextBytes(file);
        file[0] = 'x';
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ScrubReport report = new Scrubber(Map.of()).scrub(new ByteArrayInputStream(file), out, ScrubLimits.DEFAULT);

        assertThat(out.toByteArray()).isEqualTo(file);
        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.NOT_CHECKED);
        assertThat(report.findings())
                .extracting(Finding::withoutValue)
                .containsExactly("metadata not checked - flagged");
    }

    @Test
    void aCleanerThatBreaksIsAFailureAndTheInputIsStillReadToItsEnd() throws Exception {
        Cleaner broken = (head, in, out, limits) -> {
            throw new IllegalStateException("bug");
        };
        CountingInput in = new CountingInput(new byte[100_000]);
        in.bytes[0] = (byte) 0xFF;
        in.bytes[1] = (byte) 0xD8;
        in.bytes[2] = (byte) 0xFF;

        ScrubReport report = new Scrubber(Map.of(Format.JPEG, broken))
                .scrub(in, java.io.OutputStream.nullOutputStream(), ScrubLimits.DEFAULT);

        assertThat(report.outcome()).isEqualTo(ScrubReport.Outcome.FAILED);
        assertThat(in.read()).as("drained").isEqualTo(-1);
    }

    @Test
    void findingValuesNeverAppearWithoutAsking() {
        Finding gps = Finding.removed("GPS position", "2.1234 S 37.5678 E");

        assertThat(gps.toString()).isEqualTo("GPS position - removed");
        assertThat(gps.withValue()).isEqualTo("GPS position 2.1234 S 37.5678 E - removed");
    }

    private static Format sniff(byte[] head) {
        return FormatSniffer.sniff(head, head.length);
    }

    private static final class CountingInput extends ByteArrayInputStream {
        final byte[] bytes;

        CountingInput(byte[] bytes) {
            super(bytes);
            this.bytes = bytes;
        }
    }
}
