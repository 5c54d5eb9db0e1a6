// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code head}, then {@code unit} repeated until {@code middle} bytes, then {@code tail}: a message of
 * any size made on the fly, never held (only one unit is in memory).
 */
final class RepeatedStream extends InputStream {
    private final byte[] head;
    private final byte[] unit;
    private final long middle;
    private final byte[] tail;
    private long position;

    RepeatedStream(byte[] head, byte[] unit, long middle, byte[] tail) {
        this.head = head;
        this.unit = unit;
        this.middle = middle;
        this.tail = tail;
    }

    static RepeatedStream of(String head, String unit, long middle, String tail) {
        return new RepeatedStream(Mails.crlf(head), unit.getBytes(StandardCharsets.UTF_8), middle, Mails.crlf(tail));
    }

    /** The total length. */
    long length() {
        return head.length + middle + tail.length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length()) {
            return -1;
        }
        long m = position - head.length;
        if (m >= 0 && m < middle && len >= unit.length) {
            return readUnits(b, off, len, m);
        }
        int n = 0;
        while (n < len && position < length()) {
            b[off + n++] = at(position++);
        }
        return n;
    }

    /** Copies whole stretches of the repeated unit at once (the middle is nearly all of a large stream). */
    private int readUnits(byte[] b, int off, int len, long m) {
        int n = 0;
        while (n < len && m < middle) {
            int inUnit = (int) (m % unit.length);
            int take = (int) Math.min(Math.min(unit.length - inUnit, len - n), middle - m);
            System.arraycopy(unit, inUnit, b, off + n, take);
            n += take;
            m += take;
        }
        position += n;
        return n;
    }

    private byte at(long i) {
        if (i < head.length) {
            return head[(int) i];
        }
        long m = i - head.length;
        if (m < middle) {
            return unit[(int) (m % unit.length)];
        }
        return tail[(int) (m - middle)];
    }
}
