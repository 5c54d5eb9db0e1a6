// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Cleans one file of identifying metadata: tells its format from its first bytes, hands it to that
 * format's {@link Cleaner}, and reads whatever the cleaner left unread, so that the stream is
 * always consumed to its end. A format without a cleaner is copied as it came and flagged
 * "metadata not checked". A cleaner that throws anything but an IOException of the streams is
 * reported as {@link ScrubReport.Outcome#FAILED}.
 *
 * <p>That includes an OutOfMemoryError, as a last resort only: the protection against files that
 * expand in memory is each cleaner's own bounds ({@code maxInMemoryBytes}, and for PDF the
 * {@link PdfBombCheck} before PDFBox sees the file). Catching it does not help a JVM started with
 * {@code -XX:+ExitOnOutOfMemoryError}, which exits where the error is thrown.
 */
public final class Scrubber {
    static final String TOO_LARGE_IN_MEMORY = "too large to clean in memory";

    private final Map<Format, Cleaner> cleaners;

    Scrubber(Map<Format, Cleaner> cleaners) {
        this.cleaners = Map.copyOf(cleaners);
    }

    /** Every cleaner this module has. */
    public static Scrubber standard() {
        return new Scrubber(Cleaners.all());
    }

    /** Reads {@code in} to its end and writes the cleaned copy to {@code out} (discard it unless the outcome is CLEANED or NOT_CHECKED). */
    public ScrubReport scrub(InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        byte[] head = new byte[FormatSniffer.HEAD];
        int length = in.readNBytes(head, 0, head.length);
        byte[] exact = length == head.length ? head : java.util.Arrays.copyOf(head, length);
        Format format = FormatSniffer.sniff(exact, length);
        Cleaner cleaner = cleaners.get(format);
        if (cleaner == null) {
            out.write(exact);
            in.transferTo(out);
            return ScrubReport.notChecked(format);
        }
        try {
            return cleaner.clean(exact, in, out, limits);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return ScrubReport.failed(format, "unexpected structure");
        } catch (OutOfMemoryError e) {
            return ScrubReport.failed(format, TOO_LARGE_IN_MEMORY);
        } finally {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** The formats this scrubber cleans (the others are copied and flagged). */
    public java.util.Set<Format> cleanedFormats() {
        return cleaners.keySet();
    }
}
