// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/** One file read front to back with its position counted: copied, skipped or held a bounded piece at a time. */
final class BoxInput {
    /** Sees every byte copied through, with its position in the file. */
    interface Tap {
        void seen(long position, byte[] bytes, int length);
    }

    private static final Tap NO_TAP = (position, bytes, length) -> {};

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private long position;

    BoxInput(byte[] head, InputStream in) {
        this.in = new SequenceInputStream(new ByteArrayInputStream(head), in);
    }

    long position() {
        return position;
    }

    /** Reads up to {@code length} bytes into {@code into}; fewer only at the end of the file. */
    int read(byte[] into, int offset, int length) throws IOException {
        int got = in.readNBytes(into, offset, length);
        position += got;
        return got;
    }

    /** Copies exactly {@code length} bytes to {@code out}. */
    void copy(long length, OutputStream out, Tap tap) throws IOException, NotCleanable {
        long left = length;
        while (left > 0) {
            int got = read(buffer, 0, (int) Math.min(left, buffer.length));
            if (got == 0) {
                throw new NotCleanable("truncated box");
            }
            tap.seen(position - got, buffer, got);
            out.write(buffer, 0, got);
            left -= got;
        }
    }

    void copy(long length, OutputStream out) throws IOException, NotCleanable {
        copy(length, out, NO_TAP);
    }

    /** Copies everything left to {@code out}. */
    void copyToEnd(OutputStream out, Tap tap) throws IOException {
        int got;
        while ((got = read(buffer, 0, buffer.length)) > 0) {
            tap.seen(position - got, buffer, got);
            out.write(buffer, 0, got);
        }
    }

    /**
     * Writes zero bytes in place of the next {@code length} bytes read (or, with {@code length} < 0, of
     * the rest of the file); tells whether any of them was not zero.
     */
    boolean blank(long length, OutputStream out) throws IOException, NotCleanable {
        long left = length < 0 ? Long.MAX_VALUE : length;
        boolean data = false;
        while (left > 0) {
            int got = read(buffer, 0, (int) Math.min(left, buffer.length));
            if (got == 0 && length < 0) {
                return data;
            }
            if (got == 0) {
                throw new NotCleanable("truncated box");
            }
            for (int i = 0; i < got && !data; i++) {
                data = buffer[i] != 0;
            }
            Arrays.fill(buffer, 0, got, (byte) 0);
            out.write(buffer, 0, got);
            left -= got;
        }
        return data;
    }

    /** The next {@code length} bytes (or, with {@code length} < 0, the rest of the file), at most {@code max} of them. */
    byte[] hold(long length, long max) throws IOException, NotCleanable {
        if (length > max) {
            throw new NotCleanable("a metadata box over the size limit");
        }
        if (length < 0) {
            byte[] rest = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
            position += rest.length;
            if (rest.length > max) {
                throw new NotCleanable("a metadata box over the size limit");
            }
            return rest;
        }
        byte[] held = new byte[(int) length];
        if (read(held, 0, held.length) < held.length) {
            throw new NotCleanable("truncated box");
        }
        return held;
    }
}
