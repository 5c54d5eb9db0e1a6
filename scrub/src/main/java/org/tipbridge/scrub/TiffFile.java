// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A TIFF structure held in memory: its byte order and bounds-checked reads of directories and values. */
final class TiffFile {
    /** Bytes per value for TIFF types 1..13; 0 for unknown types. */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    /** One directory entry; {@code at} is where its value bytes are, {@code length} their count (-1 if out of bounds). */
    record Entry(int tag, int type, long count, int at, int length) {
        boolean readable() {
            return length >= 0;
        }
    }

    private final ByteBuffer b;

    private TiffFile(byte[] bytes, ByteOrder order) {
        this.b = ByteBuffer.wrap(bytes).order(order);
    }

    /** A TIFF starting at {@code bytes[0]} with an "II" or "MM" header. */
    static TiffFile of(byte[] bytes) throws NotCleanable {
        if (bytes.length < 8 || bytes[0] != bytes[1] || (bytes[0] != 'I' && bytes[0] != 'M')) {
            throw new NotCleanable("malformed TIFF header");
        }
        TiffFile file = new TiffFile(bytes, bytes[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (file.u16(2) != 42) {
            throw new NotCleanable("malformed TIFF header");
        }
        return file;
    }

    ByteOrder order() {
        return b.order();
    }

    byte[] bytes() {
        return b.array();
    }

    int length() {
        return b.capacity();
    }

    int u16(int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    long u32(int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    long firstDirectory() {
        return u32(4);
    }

    /** The entries of the directory at {@code offset}. */
    List<Entry> directory(long offset) throws NotCleanable {
        if (offset < 8 || offset + 2 > length()) {
            throw new NotCleanable("malformed TIFF (directory outside the file)");
        }
        int count = u16((int) offset);
        if (offset + 2 + 12L * count + 4 > length()) {
            throw new NotCleanable("malformed TIFF (directory outside the file)");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(entry((int) offset + 2 + 12 * i));
        }
        return entries;
    }

    /** The offset of the directory after the one at {@code offset} (0 if none). */
    long next(long offset) {
        return u32((int) offset + 2 + 12 * u16((int) offset));
    }

    private Entry entry(int at) {
        int type = u16(at + 2);
        long count = u32(at + 4);
        long size = type < TYPE_SIZE.length ? TYPE_SIZE[type] * count : 0;
        if (size == 0 && count != 0 || size > length()) {
            return new Entry(u16(at), type, count, 0, -1);
        }
        long valueAt = size <= 4 ? at + 8 : u32(at + 8);
        boolean inside = valueAt + size <= length();
        return new Entry(u16(at), type, count, (int) (inside ? valueAt : 0), inside ? (int) size : -1);
    }

    /** Whole numbers (BYTE, SHORT, LONG, IFD types), at most {@code max} of them. */
    long[] numbers(Entry e, int max) throws NotCleanable {
        if (!e.readable() || e.count() > max) {
            throw new NotCleanable("malformed TIFF (bad value)");
        }
        long[] out = new long[(int) e.count()];
        int size = (int) (e.length() / Math.max(1, e.count()));
        for (int i = 0; i < out.length; i++) {
            int at = e.at() + i * size;
            out[i] = size == 1 ? b.get(at) & 0xFF : size == 2 ? u16(at) : u32(at);
        }
        return out;
    }

    /** Text of an ASCII entry fit for a finding's value ("" if unreadable). */
    String text(Entry e) {
        return e.readable() ? Bytes.printable(bytes(), e.at(), e.length()) : "";
    }

    /** The {@code i}-th RATIONAL of an entry as a double (NaN if unreadable). */
    double rational(Entry e, int i) {
        if (!e.readable() || e.type() != 5 || i >= e.count()) {
            return Double.NaN;
        }
        long denominator = u32(e.at() + 8 * i + 4);
        return denominator == 0 ? Double.NaN : (double) u32(e.at() + 8 * i) / denominator;
    }
}
