// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Copies a PNG keeping its critical chunks, colour and animation chunks byte for byte, and
 * without its text, Exif, time and any other ancillary chunk. Every chunk's CRC is checked; the
 * header's pixel count is bounded by {@link ScrubLimits#maxPixels()}. Removed chunks up to 1 MiB
 * are held to report their values; larger ones are skipped unread; kept ones stream through.
 */
final class PngCleaner implements Cleaner {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int HELD = 1 << 20;
    private static final Set<String> KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "tRNS", "hIST",
            "sPLT", "cICP", "mDCv", "cLLi", "acTL", "fcTL", "fdAT");

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        ByteCursor cursor = new ByteCursor(head, in, "truncated PNG");
        List<Finding> findings = new ArrayList<>();
        try {
            copy(cursor, out, limits, findings);
        } catch (MalformedFile e) {
            cursor.drain();
            return ScrubReport.failed(Format.PNG, e.getMessage());
        }
        if (cursor.drain() > 0) {
            findings.add(Finding.removed("data after the end of the image"));
        }
        return ScrubReport.cleaned(Format.PNG, Findings.distinct(findings));
    }

    private static void copy(ByteCursor cursor, OutputStream out, ScrubLimits limits, List<Finding> findings)
            throws IOException, MalformedFile {
        if (!java.util.Arrays.equals(cursor.readExact(SIGNATURE.length), SIGNATURE)) {
            throw new MalformedFile("not a PNG");
        }
        out.write(SIGNATURE);
        PngText text = new PngText(limits);
        String type = "";
        for (int chunks = 0; !type.equals("IEND"); chunks++) {
            if (chunks >= limits.maxSegments()) {
                throw new MalformedFile("too many PNG chunks");
            }
            long length = u32(cursor.readExact(4), 0);
            type = chunkType(cursor.readExact(4));
            if ((chunks == 0) != type.equals("IHDR") || length > Integer.MAX_VALUE) {
                throw new MalformedFile("malformed PNG chunk");
            }
            if (type.equals("IHDR")) {
                header(cursor, length, out, limits);
            } else if (KEPT.contains(type)) {
                keep(cursor, type, length, out);
            } else if (Character.isUpperCase(type.charAt(0))) {
                throw new MalformedFile("unknown critical PNG chunk");
            } else {
                findings.addAll(remove(cursor, type, length, text, limits));
            }
        }
    }

    private static void header(ByteCursor cursor, long length, OutputStream out, ScrubLimits limits)
            throws IOException, MalformedFile {
        if (length != 13) {
            throw new MalformedFile("malformed PNG header");
        }
        byte[] data = held(cursor, "IHDR", 13);
        long width = u32(data, 0);
        long height = u32(data, 4);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new MalformedFile("malformed PNG header");
        }
        if (width * height > limits.maxPixels()) {
            throw new MalformedFile("image larger than the pixel limit");
        }
        writeChunk("IHDR", data, out);
    }

    /** Streams a kept chunk through, checking its CRC on the way. */
    private static void keep(ByteCursor cursor, String type, long length, OutputStream out)
            throws IOException, MalformedFile {
        byte[] start = new byte[8];
        putU32(start, 0, length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, start, 4, 4);
        out.write(start);
        CRC32 crc = new CRC32();
        crc.update(start, 4, 4);
        cursor.pass(length, (bytes, offset, n) -> {
            crc.update(bytes, offset, n);
            out.write(bytes, offset, n);
        });
        byte[] stored = cursor.readExact(4);
        if (u32(stored, 0) != crc.getValue()) {
            throw new MalformedFile("PNG chunk checksum mismatch");
        }
        out.write(stored);
    }

    private static List<Finding> remove(ByteCursor cursor, String type, long length, PngText text, ScrubLimits limits)
            throws IOException, MalformedFile {
        if (length > HELD) {
            CRC32 crc = new CRC32();
            crc.update(type.getBytes(StandardCharsets.US_ASCII));
            cursor.pass(length, crc::update);
            if (u32(cursor.readExact(4), 0) != crc.getValue()) {
                throw new MalformedFile("PNG chunk checksum mismatch");
            }
            return List.of(PngChunks.unread(type));
        }
        byte[] data = held(cursor, type, (int) length);
        return PngChunks.describe(type, data, text, limits);
    }

    /** Reads a chunk's data and CRC into memory (the caller bounds {@code length}) and checks the CRC. */
    private static byte[] held(ByteCursor cursor, String type, int length) throws IOException, MalformedFile {
        byte[] data = cursor.readExact(length);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        if (u32(cursor.readExact(4), 0) != crc.getValue()) {
            throw new MalformedFile("PNG chunk checksum mismatch");
        }
        return data;
    }

    private static void writeChunk(String type, byte[] data, OutputStream out) throws IOException {
        byte[] chunk = new byte[data.length + 12];
        putU32(chunk, 0, data.length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(chunk, 4, data.length + 4);
        putU32(chunk, data.length + 8, crc.getValue());
        out.write(chunk);
    }

    private static String chunkType(byte[] type) throws MalformedFile {
        for (byte b : type) {
            if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
                throw new MalformedFile("malformed PNG chunk");
            }
        }
        return new String(type, StandardCharsets.US_ASCII);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24)
                | ((b[at + 1] & 0xFF) << 16)
                | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    private static void putU32(byte[] b, int at, long value) {
        b[at] = (byte) (value >> 24);
        b[at + 1] = (byte) (value >> 16);
        b[at + 2] = (byte) (value >> 8);
        b[at + 3] = (byte) value;
    }
}
