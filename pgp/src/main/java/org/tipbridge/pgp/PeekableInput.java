// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A 64 KiB read-ahead over the caller's stream: bulk reads for binary messages, a peek at the
 * first bytes to tell binary from armor, and bounded line reading for armor headers and trailers.
 * Never closes the caller's stream.
 */
final class PeekableInput extends InputStream {
    static final int SIZE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[SIZE];
    private int position;
    private int limit;
    private boolean ended;

    PeekableInput(InputStream in) {
        this.in = in;
    }

    /** Buffers at least {@code wanted} bytes ({@code <= SIZE}) unless the stream ends first; returns how many are buffered. */
    int ensure(int wanted) throws IOException {
        if (limit - position >= wanted || ended) {
            return limit - position;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < wanted && !ended) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                ended = true;
            } else {
                limit += n;
            }
        }
        return limit;
    }

    /** Refills the buffer when it is empty; false at the end of the stream. */
    boolean fill() throws IOException {
        return ensure(1) > 0;
    }

    byte[] buffer() {
        return buffer;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    void advance(int newPosition) {
        position = newPosition;
    }

    /**
     * The next line without its line break and trailing white space; null at the end of the
     * stream. A line longer than {@code max} bytes (max well below SIZE) is a malformed message.
     */
    String readLine(int max) throws IOException {
        if (!fill()) {
            return null;
        }
        int end = lineEnd();
        while (end < 0 && limit - position <= max + 1) {
            int buffered = limit - position;
            if (ensure(buffered + 1) == buffered) {
                end = limit; // last line without a line break
            } else {
                end = lineEnd();
            }
        }
        if (end < 0 || end - position > max + 1) {
            throw new PgpStreamException(Failures.malformed("armor line too long", null));
        }
        String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
        position = Math.min(end + 1, limit);
        return line.stripTrailing();
    }

    private int lineEnd() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buffer[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (position == limit && length >= SIZE && !ended) {
            return in.read(target, offset, length); // large reads bypass the buffer
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }
}
