// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/** Bounds-checked big-endian reads from a byte array; reading past the end or the limit is malformed. */
final class BoxCursor {
    private final byte[] b;
    private int position;
    private int limit;

    BoxCursor(byte[] b) {
        this.b = b;
        this.limit = b.length;
    }

    void limit(int end) {
        limit = Math.min(end, b.length);
    }

    void seek(int at) {
        position = at;
    }

    private void need(int at, int n) throws NotCleanable {
        if (at < 0 || n < 0 || at > limit - n) {
            throw new NotCleanable("malformed box (value outside its box)");
        }
    }

    int u8(int at) throws NotCleanable {
        need(at, 1);
        return b[at] & 0xFF;
    }

    int u16(int at) throws NotCleanable {
        need(at, 2);
        return Bytes.u16(b, at);
    }

    long u32(int at) throws NotCleanable {
        need(at, 4);
        return Bytes.u32(b, at);
    }

    String type(int at) throws NotCleanable {
        need(at, 4);
        return BoxHeader.type(b, at);
    }

    /** The next {@code size} bytes (0, 1, 2, 4 or 8) as an unsigned number; 64-bit values above Long.MAX_VALUE are malformed. */
    long next(int size) throws NotCleanable {
        if (size != 0 && size != 1 && size != 2 && size != 4 && size != 8) {
            throw new NotCleanable("malformed box (bad field size)");
        }
        need(position, size);
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (b[position + i] & 0xFF);
        }
        position += size;
        if (value < 0) {
            throw new NotCleanable("malformed box (value too large)");
        }
        return value;
    }

    /** The position after the NUL that ends the text at {@code at} (or {@code end}). */
    int skipText(int at, int end) {
        int i = at;
        while (i < Math.min(end, limit) && b[i] != 0) {
            i++;
        }
        return i + 1;
    }

    String text(int at, int end) {
        int stop = Math.min(end, limit);
        return at >= stop ? "" : Bytes.printable(b, at, stop - at);
    }
}
