// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies a WebP keeping its image, alpha, animation and ICC chunks byte for byte, and blanks its
 * EXIF, XMP and unrecognised chunks: each becomes a "JUNK" chunk of the same size full of zeros,
 * which readers skip, so the RIFF size written before them stays right without holding the file.
 * The EXIF and XMP flags of the VP8X header are cleared. Chunks up to 1 MiB are held to report values.
 */
final class WebpCleaner implements Cleaner {
    private static final int HELD = 1 << 20;
    private static final int EXIF_AND_XMP_FLAGS = 0x08 | 0x04;
    private static final Set<String> KEPT = Set.of("ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L");
    private static final byte[] BLANK = new byte[8192];

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        ByteCursor cursor = new ByteCursor(head, in, "truncated WebP");
        List<Finding> findings = new ArrayList<>();
        try {
            copy(cursor, out, limits, findings);
        } catch (MalformedFile e) {
            cursor.drain();
            return ScrubReport.failed(Format.WEBP, e.getMessage());
        }
        if (cursor.drain() > 0) {
            findings.add(Finding.removed("data after the end of the image"));
        }
        return ScrubReport.cleaned(Format.WEBP, Findings.distinct(findings));
    }

    private static void copy(ByteCursor cursor, OutputStream out, ScrubLimits limits, List<Finding> findings)
            throws IOException, MalformedFile {
        byte[] header = cursor.readExact(12);
        long riffSize = u32le(header, 4);
        if (!text(header, 0).equals("RIFF") || !text(header, 8).equals("WEBP") || riffSize < 4) {
            throw new MalformedFile("not a WebP");
        }
        out.write(header);
        long remaining = riffSize - 4;
        for (int chunks = 0; remaining > 0; chunks++) {
            byte[] chunkHeader = cursor.readExact(8);
            long size = u32le(chunkHeader, 4);
            long padded = size + (size & 1);
            if (remaining < 8 + padded || chunks >= limits.maxSegments()) {
                throw new MalformedFile("WebP chunk past the end of the file");
            }
            remaining -= 8 + padded;
            chunk(cursor, text(chunkHeader, 0), chunkHeader, size, out, limits, findings);
        }
    }

    private static void chunk(
            ByteCursor cursor,
            String type,
            byte[] chunkHeader,
            long size,
            OutputStream out,
            ScrubLimits limits,
            List<Finding> findings)
            throws IOException, MalformedFile {
        long padded = size + (size & 1);
        if (type.equals("VP8X")) {
            out.write(chunkHeader);
            out.write(extendedHeader(cursor, padded, limits));
        } else if (KEPT.contains(type)) {
            out.write(chunkHeader);
            cursor.copy(padded, out);
        } else {
            findings.addAll(removed(cursor, type, size, limits));
            cursor.skip(padded - (size <= HELD ? size : 0));
            blank(chunkHeader, padded, out);
        }
    }

    /** The VP8X chunk with the EXIF and XMP flags cleared, after checking the canvas size. */
    private static byte[] extendedHeader(ByteCursor cursor, long padded, ScrubLimits limits)
            throws IOException, MalformedFile {
        if (padded != 10) {
            throw new MalformedFile("malformed WebP header");
        }
        byte[] data = cursor.readExact(10);
        long width = 1 + ((data[4] & 0xFF) | ((data[5] & 0xFF) << 8) | ((data[6] & 0xFF) << 16));
        long height = 1 + ((data[7] & 0xFF) | ((data[8] & 0xFF) << 8) | ((data[9] & 0xFF) << 16));
        if (width * height > limits.maxPixels()) {
            throw new MalformedFile("image larger than the pixel limit");
        }
        data[0] &= (byte) ~EXIF_AND_XMP_FLAGS;
        return data;
    }

    /** Reads a removed chunk's data when it is small enough to hold (the caller skips the rest) and says what it held. */
    private static List<Finding> removed(ByteCursor cursor, String type, long size, ScrubLimits limits)
            throws IOException, MalformedFile {
        boolean held = size <= HELD;
        byte[] data = held ? cursor.readExact((int) size) : new byte[0];
        if (type.equals("EXIF")) {
            return held
                    ? ExifReader.readWithOptionalPrefix(data, 0, data.length, limits)
                    : List.of(Finding.removed("Exif metadata"));
        }
        if (type.equals("XMP ")) {
            return held ? XmpFindings.read(data, 0, data.length) : XmpFindings.unread();
        }
        return List.of(Finding.removed(
                "unrecognised chunk", PlainValue.ofLatin1(type.getBytes(StandardCharsets.ISO_8859_1), 0, 4)));
    }

    private static void blank(byte[] chunkHeader, long padded, OutputStream out) throws IOException {
        byte[] junk = chunkHeader.clone();
        System.arraycopy("JUNK".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 4);
        out.write(junk);
        for (long left = padded; left > 0; left -= BLANK.length) {
            out.write(BLANK, 0, (int) Math.min(left, BLANK.length));
        }
    }

    private static String text(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFFL) | ((b[at + 1] & 0xFFL) << 8) | ((b[at + 2] & 0xFFL) << 16) | ((b[at + 3] & 0xFFL) << 24);
    }
}
