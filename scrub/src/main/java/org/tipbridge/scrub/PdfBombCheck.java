// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Refuses a PDF whose zlib-compressed streams would expand past the limits, before PDFBox inflates
 * any of them in memory. Every {@code stream} keyword starts a region; the zlib data there is
 * inflated into a small buffer that is counted and thrown away, up to where the zlib data itself
 * ends (neither /Length nor {@code endstream} is trusted to end it; filters are not read, and data
 * that is not zlib is skipped). The scan goes on after the next {@code endstream}. Work is linear
 * in the file: inflater input is capped at twice the file, output at {@code maxExpandedBytes}.
 */
final class PdfBombCheck {
    static final String EXPANDS_TOO_MUCH = "compressed data expands too much";
    static final String TOO_MANY_STREAMS = "too many streams in the PDF";
    static final String OVERLAPPING = "compressed streams overlap";

    /** What any one stream may produce beyond {@code maxRatio} times the bytes it was inflated from. */
    static final long ALLOWANCE = 64 << 10;

    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_STREAM = "endstream".getBytes(StandardCharsets.US_ASCII);

    private final ScrubLimits limits;
    private final Inflater inflater = new Inflater();
    private final byte[] sink = new byte[32 << 10];
    private long expandedLeft;
    private long inputLeft;

    private PdfBombCheck(ScrubLimits limits, int fileLength) {
        this.limits = limits;
        this.expandedLeft = limits.maxExpandedBytes();
        this.inputLeft = 2L * fileLength + ALLOWANCE;
    }

    /** Why {@code pdf} must not be handed to PDFBox, or empty when its compressed streams stay within the limits. */
    static Optional<String> refusal(byte[] pdf, ScrubLimits limits) {
        PdfBombCheck check = new PdfBombCheck(limits, pdf.length);
        try {
            return Optional.ofNullable(check.scan(pdf));
        } finally {
            check.inflater.end();
        }
    }

    private String scan(byte[] pdf) {
        int regions = 0;
        for (int at = dataStart(pdf, 0); at >= 0; ) {
            if (++regions > limits.maxSegments()) {
                return TOO_MANY_STREAMS;
            }
            String refused = inflate(pdf, at);
            if (refused != null) {
                return refused;
            }
            int end = indexOf(pdf, END_STREAM, at);
            at = end < 0 ? -1 : dataStart(pdf, end + END_STREAM.length);
        }
        return null;
    }

    /**
     * Inflates from {@code start} to the end of the zlib data there (or of the file), counting the
     * output; null while within the limits, also for data that is not zlib.
     */
    private String inflate(byte[] pdf, int start) {
        inflater.reset();
        inflater.setInput(pdf, start, pdf.length - start);
        long produced = 0;
        try {
            while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
                produced += inflater.inflate(sink);
                if (produced > limits.maxRatio() * inflater.getBytesRead() + ALLOWANCE || produced > expandedLeft) {
                    return EXPANDS_TOO_MUCH;
                }
            }
        } catch (DataFormatException notZlib) {
            // not zlib data, or corrupt: PDFBox gets no more out of it than was counted
        }
        expandedLeft -= produced;
        inputLeft -= inflater.getBytesRead();
        return inputLeft < 0 ? OVERLAPPING : null;
    }

    /**
     * Where the data of the next stream at or after {@code from} begins: after a {@code stream}
     * keyword that is not the end of {@code endstream}, past spaces and one end of line (CR, LF or
     * CRLF, or none, as PDFBox's parser allows); -1 when there is none.
     */
    static int dataStart(byte[] pdf, int from) {
        for (int at = indexOf(pdf, STREAM, from); at >= 0; at = indexOf(pdf, STREAM, at + 1)) {
            if (!endsWithEnd(pdf, at)) {
                return afterEndOfLine(pdf, at + STREAM.length);
            }
        }
        return -1;
    }

    private static boolean endsWithEnd(byte[] pdf, int at) {
        return at >= 3 && pdf[at - 3] == 'e' && pdf[at - 2] == 'n' && pdf[at - 1] == 'd';
    }

    private static int afterEndOfLine(byte[] pdf, int at) {
        while (at < pdf.length && pdf[at] == ' ') {
            at++;
        }
        if (at < pdf.length && pdf[at] == '\r') {
            at++;
        }
        if (at < pdf.length && pdf[at] == '\n') {
            at++;
        }
        return at;
    }

    /** The first index of {@code word} in {@code pdf} at or after {@code from}, or -1 (the word is short: linear). */
    static int indexOf(byte[] pdf, byte[] word, int from) {
        int last = pdf.length - word.length;
        for (int at = Math.max(0, from); at <= last; at++) {
            if (pdf[at] == word[0] && matches(pdf, at, word)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] pdf, int at, byte[] word) {
        for (int i = 1; i < word.length; i++) {
            if (pdf[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
