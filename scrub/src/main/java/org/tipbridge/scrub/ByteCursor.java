// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads a file once, front to back, from its already-read first bytes and then its stream, through
 * one fixed buffer: whatever is copied or skipped passes through that buffer, so memory stays at
 * its size. Running out of bytes where more were declared is a {@link MalformedFile}.
 */
final class ByteCursor {
    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final byte[] buf;
    private final String truncated;
    private int pos;
    private int limit;
    private long consumed;

    /** {@code truncated} is the failure text when the file ends early, e.g. "truncated PNG". */
    ByteCursor(byte[] head, InputStream in, String truncated) {
        this.in = in;
        this.buf = new byte[Math.max(BUFFER, head.length)];
        this.truncated = truncated;
        System.arraycopy(head, 0, buf, 0, head.length);
        this.limit = head.length;
    }

    /** Bytes read so far. */
    long position() {
        return consumed + pos;
    }

    /** The next byte, or -1 at the end of the file. */
    int read() throws IOException {
        return fill() ? buf[pos++] & 0xFF : -1;
    }

    /** The next byte without consuming it, or -1 at the end of the file. */
    int peek() throws IOException {
        return fill() ? buf[pos] & 0xFF : -1;
    }

    int readByte() throws IOException, MalformedFile {
        int b = read();
        if (b < 0) {
            throw new MalformedFile(truncated);
        }
        return b;
    }

    /** Reads exactly {@code n} bytes; the caller bounds {@code n}. */
    byte[] readExact(int n) throws IOException, MalformedFile {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            if (!fill()) {
                throw new MalformedFile(truncated);
            }
            int step = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, out, done, step);
            pos += step;
            done += step;
        }
        return out;
    }

    /** Passes exactly {@code n} bytes to {@code sink} (null to skip them), one buffer at a time. */
    void pass(long n, Sink sink) throws IOException, MalformedFile {
        long left = n;
        while (left > 0) {
            if (!fill()) {
                throw new MalformedFile(truncated);
            }
            int step = (int) Math.min(left, limit - pos);
            if (sink != null) {
                sink.accept(buf, pos, step);
            }
            pos += step;
            left -= step;
        }
    }

    void copy(long n, OutputStream out) throws IOException, MalformedFile {
        pass(n, out::write);
    }

    void skip(long n) throws IOException, MalformedFile {
        pass(n, null);
    }

    /**
     * Copies JPEG entropy-coded data (with its 0xFF00 stuffing and restart markers) to {@code out}
     * and returns the code of the marker that ends it; that marker's bytes are consumed, not written.
     */
    int copyEntropyCoded(OutputStream out) throws IOException, MalformedFile {
        while (true) {
            if (!fill()) {
                throw new MalformedFile(truncated);
            }
            int start = pos;
            while (pos < limit && buf[pos] != (byte) 0xFF) {
                pos++;
            }
            out.write(buf, start, pos - start);
            if (pos == limit) {
                continue;
            }
            pos++;
            int code = markerAfterFF();
            if (code == 0 || (code >= 0xD0 && code <= 0xD7)) {
                out.write(0xFF);
                out.write(code);
            } else {
                return code;
            }
        }
    }

    /** After a 0xFF: skips fill bytes (more 0xFF) and returns the code that follows. */
    int markerAfterFF() throws IOException, MalformedFile {
        int code = readByte();
        while (code == 0xFF) {
            code = readByte();
        }
        return code;
    }

    /** Reads whatever is left and returns how many bytes that was. */
    long drain() throws IOException {
        long n = limit - pos;
        consumed += limit;
        pos = 0;
        limit = 0;
        byte[] scratch = buf;
        int r;
        while ((r = in.read(scratch, 0, scratch.length)) >= 0) {
            n += r;
            consumed += r;
        }
        return n;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        consumed += limit;
        pos = 0;
        limit = 0;
        int r;
        do {
            r = in.read(buf, 0, buf.length);
        } while (r == 0);
        if (r < 0) {
            return false;
        }
        limit = r;
        return true;
    }

    /** Receives bytes passing through the cursor. */
    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }
}
