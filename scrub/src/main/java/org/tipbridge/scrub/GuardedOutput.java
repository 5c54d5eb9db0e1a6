// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes writes to the caller's stream, never closes it, and remembers whether it failed, so that
 * a cleaner can tell an IOException of its output (passed on) from one of a malformed file (a
 * failed cleaning).
 */
final class GuardedOutput extends FilterOutputStream {
    private boolean broken;

    GuardedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** Flushes only: the stream belongs to the caller. */
    @Override
    public void close() throws IOException {
        flush();
    }

    boolean broken() {
        return broken;
    }
}
