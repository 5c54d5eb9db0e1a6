// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded in-memory pipe between the thread sealing an attachment and the thread cleaning it:
 * the writer blocks while the buffer is full, the reader while it is empty. {@link #close()} ends
 * the input (the reader sees end of file); {@link #abort()} makes both sides fail at once. Nothing
 * touches disk, and the buffer is zeroed when the pipe is done.
 */
final class BytePipe {
    private final byte[] buffer;
    private int start;
    private int count;
    private boolean closed;
    private boolean aborted;
    private boolean readerGone;

    BytePipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    final OutputStream in = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }

        @Override
        public void close() {
            BytePipe.this.close();
        }
    };

    final InputStream out = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return take(b, off, len);
        }
    };

    private synchronized void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            while (count == buffer.length && !aborted && !readerGone) {
                await();
            }
            if (aborted || closed || readerGone) {
                throw new IOException("the cleaning side of the pipe is gone");
            }
            int tail = (start + count) % buffer.length;
            int n = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
            System.arraycopy(b, off, buffer, tail, n);
            count += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (count == 0 && !closed && !aborted) {
            await();
        }
        if (aborted) {
            throw new IOException("the sealing side of the pipe failed");
        }
        if (count == 0) {
            return -1;
        }
        int n = Math.min(len, Math.min(count, buffer.length - start));
        System.arraycopy(buffer, start, b, off, n);
        java.util.Arrays.fill(buffer, start, start + n, (byte) 0);
        start = (start + n) % buffer.length;
        count -= n;
        notifyAll();
        return n;
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while piping an attachment");
        }
    }

    /** No more input: the reader gets what is buffered, then end of file. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** The reader stopped (for good or bad): a writer fails at once instead of waiting for room. */
    synchronized void readerGone() {
        readerGone = true;
        java.util.Arrays.fill(buffer, (byte) 0);
        count = 0;
        notifyAll();
    }

    /** Both sides fail from now on; the buffer is zeroed. */
    synchronized void abort() {
        aborted = true;
        java.util.Arrays.fill(buffer, (byte) 0);
        notifyAll();
    }
}
