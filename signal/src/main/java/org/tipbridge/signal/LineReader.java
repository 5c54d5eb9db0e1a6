// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Reads LF-terminated lines (a trailing CR is dropped) from a channel, never holding more than
 * {@code maxLineBytes} of one line: a longer line is refused as soon as it passes the bound, and the
 * rest of it is skipped, unbuffered, by the next call. A partial line at end of stream is dropped.
 * Not thread-safe: one reader thread.
 */
final class LineReader {
    private static final int CHUNK = 8192;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final ReadableByteChannel channel;
    private final int maxLineBytes;
    private final ByteBuffer input = ByteBuffer.allocate(CHUNK).flip();
    private byte[] line = new byte[256];
    private int length;
    private boolean skipping;

    LineReader(ReadableByteChannel channel, int maxLineBytes) {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next complete line without its terminator, or {@code null} at end of stream.
     *
     * @throws SignalCliException.Protocol when the line is longer than the bound; the reader stays usable
     */
    byte[] readLine() throws IOException, SignalCliException.Protocol {
        while (input.hasRemaining() || fill()) {
            int lf = indexOfLf();
            int end = lf < 0 ? input.limit() : lf;
            int count = end - input.position();
            if (skipping) {
                input.position(lf < 0 ? end : lf + 1);
                skipping = lf < 0;
                continue;
            }
            if (length + count > maxLineBytes) {
                length = 0;
                line = new byte[256];
                input.position(lf < 0 ? end : lf + 1);
                skipping = lf < 0;
                throw new SignalCliException.Protocol("line longer than " + maxLineBytes + " bytes refused");
            }
            append(count);
            if (lf >= 0) {
                input.get();
                return takeLine();
            }
        }
        length = 0;
        return null;
    }

    /** Bytes currently allocated for one line (for tests: never beyond the bound). */
    int lineCapacity() {
        return line.length;
    }

    private boolean fill() throws IOException {
        input.clear();
        int read;
        do {
            read = channel.read(input);
        } while (read == 0);
        input.flip();
        return read > 0;
    }

    private int indexOfLf() {
        for (int i = input.position(); i < input.limit(); i++) {
            if (input.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    private void append(int count) {
        int needed = length + count;
        if (needed > line.length) {
            int grown = (int) Math.min(maxLineBytes, Math.max(needed, 2L * line.length));
            line = Arrays.copyOf(line, grown);
        }
        input.get(line, length, count);
        length = needed;
    }

    private byte[] takeLine() {
        int end = length > 0 && line[length - 1] == CR ? length - 1 : length;
        byte[] taken = Arrays.copyOf(line, end);
        length = 0;
        if (line.length > CHUNK) {
            line = new byte[256];
        }
        return taken;
    }
}
