// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;

/** A TIFF structure held in memory: byte order, bounds-checked reads, and the values of 12-byte IFD entries. */
final class TiffBlock {
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};

    private final byte[] bytes;
    private final int base;
    private final int length;
    private final boolean little;

    private TiffBlock(byte[] bytes, int base, int length, boolean little) {
        this.bytes = bytes;
        this.base = base;
        this.length = length;
        this.little = little;
    }

    static TiffBlock of(byte[] bytes, int offset, int length) throws MalformedFile {
        if (length < 8) {
            throw new MalformedFile("short TIFF header");
        }
        int order = ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
        if (order != 0x4949 && order != 0x4D4D) {
            throw new MalformedFile("bad TIFF byte order");
        }
        TiffBlock tiff = new TiffBlock(bytes, offset, length, order == 0x4949);
        if (tiff.u16(2) != 42) {
            throw new MalformedFile("bad TIFF magic");
        }
        return tiff;
    }

    long firstIfd() throws MalformedFile {
        return u32(4);
    }

    /** Fails unless {@code count} bytes from {@code at} lie inside the block. */
    void check(long at, long count) throws MalformedFile {
        if (at < 0 || count < 0 || at + count > length) {
            throw new MalformedFile("Exif offset outside its block");
        }
    }

    int u8(long at) throws MalformedFile {
        check(at, 1);
        return bytes[base + (int) at] & 0xFF;
    }

    int u16(long at) throws MalformedFile {
        int a = u8(at);
        int b = u8(at + 1);
        return little ? a | (b << 8) : (a << 8) | b;
    }

    long u32(long at) throws MalformedFile {
        long a = u16(at);
        long b = u16(at + 2);
        return little ? a | (b << 16) : (a << 16) | b;
    }

    /** Where an entry's values start (inline when they fit in 4 bytes), after checking they lie inside the block. */
    long valueOffset(long entry) throws MalformedFile {
        int type = u16(entry + 2);
        long count = u32(entry + 4);
        long size = count * (type < TYPE_SIZES.length ? TYPE_SIZES[type] : 1);
        long at = size <= 4 ? entry + 8 : u32(entry + 8);
        check(at, size);
        return at;
    }

    long count(long entry) throws MalformedFile {
        return u32(entry + 4);
    }

    String ascii(long entry) throws MalformedFile {
        long at = valueOffset(entry);
        int n = (int) Math.min(count(entry), 4096);
        return PlainValue.ofUtf8(bytes, base + (int) at, n);
    }

    String utf16le(long entry) throws MalformedFile {
        long at = valueOffset(entry);
        int n = (int) Math.min(count(entry), 4096) & ~1;
        String text = new String(bytes, base + (int) at, n, StandardCharsets.UTF_16LE);
        int nul = text.indexOf('\0');
        return PlainValue.of(nul >= 0 ? text.substring(0, nul) : text);
    }

    /** An Exif UserComment: an 8-byte character code, then the text. */
    String userComment(long entry) throws MalformedFile {
        long at = valueOffset(entry);
        int n = (int) Math.min(count(entry), 4096);
        if (n <= 8) {
            return "";
        }
        String code = new String(bytes, base + (int) at, 8, StandardCharsets.US_ASCII);
        int start = base + (int) at + 8;
        return code.startsWith("UNICODE")
                ? PlainValue.of(new String(
                        bytes, start, (n - 8) & ~1, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE))
                : PlainValue.ofUtf8(bytes, start, n - 8);
    }

    /** The {@code index}th RATIONAL of an entry, or NaN when the denominator is 0. */
    double rational(long entry, int index) throws MalformedFile {
        long at = valueOffset(entry) + 8L * index;
        check(at, 8);
        long den = u32(at + 4);
        return den == 0 ? Double.NaN : (double) u32(at) / den;
    }
}
