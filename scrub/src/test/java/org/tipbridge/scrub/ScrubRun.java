// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;

/** One file scrubbed by the standard scrubber: the report, the cleaned bytes, and whether the input was read to its end. */
record ScrubRun(ScrubReport report, byte[] cleaned, boolean consumed) {

    static ScrubRun of(byte[] file) throws IOException {
        return of(file, ScrubLimits.DEFAULT);
    }

    static ScrubRun of(byte[] file, ScrubLimits limits) throws IOException {
        EndTrackingInput in = new EndTrackingInput(new ByteArrayInputStream(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScrubReport report = Scrubber.standard().scrub(in, out, limits);
        return new ScrubRun(report, out.toByteArray(), in.reachedEnd);
    }

    ScrubReport.Outcome outcome() {
        return report.outcome();
    }

    List<String> findings() {
        return report.findings().stream().map(Finding::withoutValue).toList();
    }

    static void assertSamePixels(byte[] original, byte[] cleaned) throws IOException {
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(cleaned));
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    throw new AssertionError("pixel " + x + "," + y + " changed");
                }
            }
        }
    }

    /** Remembers whether a read ever returned the end of the stream. */
    static final class EndTrackingInput extends java.io.FilterInputStream {
        boolean reachedEnd;

        EndTrackingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            reachedEnd |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            reachedEnd |= n < 0;
            return n;
        }
    }
}
