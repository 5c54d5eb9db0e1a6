// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a GIF keeping its header, colour tables, images, graphic-control, plain-text and
 * looping (NETSCAPE2.0, ANIMEXTS1.0) blocks byte for byte, and without comment blocks, XMP and
 * other application blocks. Data sub-blocks stream through; only a comment's first bytes are held.
 */
final class GifCleaner implements Cleaner {
    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;
    private static final int TRAILER = 0x3B;
    private static final int KEPT_COMMENT_BYTES = 4 * PlainValue.MAX_CHARS;

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        ByteCursor cursor = new ByteCursor(head, in, "truncated GIF");
        List<Finding> findings = new ArrayList<>();
        BufferedOutputStream buffered = new BufferedOutputStream(out, 8192);
        try {
            copy(cursor, buffered, limits, findings);
        } catch (MalformedFile e) {
            cursor.drain();
            return ScrubReport.failed(Format.GIF, e.getMessage());
        } finally {
            buffered.flush();
        }
        if (cursor.drain() > 0) {
            findings.add(Finding.removed("data after the end of the image"));
        }
        return ScrubReport.cleaned(Format.GIF, Findings.distinct(findings));
    }

    private static void copy(ByteCursor cursor, OutputStream out, ScrubLimits limits, List<Finding> findings)
            throws IOException, MalformedFile {
        byte[] screen = cursor.readExact(13);
        String version = new String(screen, 0, 6, StandardCharsets.US_ASCII);
        if (!version.equals("GIF87a") && !version.equals("GIF89a")) {
            throw new MalformedFile("not a GIF");
        }
        checkPixels(screen, 6, limits);
        out.write(screen);
        copyColourTable(cursor, screen[10], out);
        for (int blocks = 0; ; blocks++) {
            if (blocks >= limits.maxSegments()) {
                throw new MalformedFile("too many GIF blocks");
            }
            int introducer = cursor.readByte();
            if (introducer == TRAILER) {
                out.write(TRAILER);
                return;
            } else if (introducer == IMAGE) {
                image(cursor, out, limits);
            } else if (introducer == EXTENSION) {
                extension(cursor, out, findings);
            } else {
                throw new MalformedFile("malformed GIF block");
            }
        }
    }

    private static void image(ByteCursor cursor, OutputStream out, ScrubLimits limits)
            throws IOException, MalformedFile {
        byte[] descriptor = cursor.readExact(9);
        checkPixels(descriptor, 4, limits);
        out.write(IMAGE);
        out.write(descriptor);
        copyColourTable(cursor, descriptor[8], out);
        out.write(cursor.readByte());
        copySubBlocks(cursor, out);
    }

    private static void extension(ByteCursor cursor, OutputStream out, List<Finding> findings)
            throws IOException, MalformedFile {
        int label = cursor.readByte();
        if (label == 0xF9 || label == 0x01) {
            out.write(EXTENSION);
            out.write(label);
            copySubBlocks(cursor, out);
        } else if (label == 0xFE) {
            byte[] start = skipSubBlocks(cursor, KEPT_COMMENT_BYTES);
            findings.add(Finding.removed("comment", PlainValue.ofLatin1(start, 0, start.length)));
        } else if (label == 0xFF) {
            application(cursor, out, findings);
        } else {
            skipSubBlocks(cursor, 0);
            findings.add(Finding.removed("unrecognised extension block"));
        }
    }

    /** Keeps the looping blocks browsers need to animate; removes the rest (XMP among them). */
    private static void application(ByteCursor cursor, OutputStream out, List<Finding> findings)
            throws IOException, MalformedFile {
        int size = cursor.readByte();
        byte[] id = cursor.readExact(size);
        String name = new String(id, StandardCharsets.ISO_8859_1);
        if (size == 11 && (name.equals("NETSCAPE2.0") || name.equals("ANIMEXTS1.0"))) {
            out.write(new byte[] {EXTENSION, (byte) 0xFF, (byte) size});
            out.write(id);
            copySubBlocks(cursor, out);
            return;
        }
        if (size != 0) {
            skipSubBlocks(cursor, 0);
        }
        findings.add(
                size == 11 && name.equals("XMP DataXMP")
                        ? Finding.removed("XMP metadata")
                        : Finding.removed("application data", PlainValue.ofLatin1(id, 0, id.length)));
    }

    private static void copySubBlocks(ByteCursor cursor, OutputStream out) throws IOException, MalformedFile {
        int size;
        while ((size = cursor.readByte()) != 0) {
            out.write(size);
            cursor.copy(size, out);
        }
        out.write(0);
    }

    /** Reads sub-blocks up to their terminator and returns their first {@code keep} bytes. */
    private static byte[] skipSubBlocks(ByteCursor cursor, int keep) throws IOException, MalformedFile {
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        int size;
        while ((size = cursor.readByte()) != 0) {
            int take = Math.min(size, keep - kept.size());
            kept.write(cursor.readExact(take));
            cursor.skip(size - take);
        }
        return kept.toByteArray();
    }

    private static void copyColourTable(ByteCursor cursor, byte packed, OutputStream out)
            throws IOException, MalformedFile {
        if ((packed & 0x80) != 0) {
            cursor.copy(3L << ((packed & 0x07) + 1), out);
        }
    }

    private static void checkPixels(byte[] b, int at, ScrubLimits limits) throws MalformedFile {
        long width = (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
        long height = (b[at + 2] & 0xFF) | ((b[at + 3] & 0xFF) << 8);
        if (width * height > limits.maxPixels()) {
            throw new MalformedFile("image larger than the pixel limit");
        }
    }
}
