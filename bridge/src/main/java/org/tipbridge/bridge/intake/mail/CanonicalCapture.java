// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Passes a stream through while keeping a copy of what was read in canonical form (every line
 * ending CRLF), as long as the message's capture allowance ({@link Budget#captureMore}, shared by
 * all nesting levels) lasts; past it the copy is dropped (its allowance given back) and only the
 * pass-through goes on.
 */
final class CanonicalCapture extends GuardedInput {
    private final Budget budget;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private long reserved;
    private boolean overflowed;
    private int previous = -1;

    CanonicalCapture(InputStream in, Budget budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = off; i < off + n && !overflowed; i++) {
            keep(b[i] & 0xff);
        }
        if (n > 0 && !overflowed) {
            reserve();
        }
        return n;
    }

    private void keep(int c) {
        if (c == '\n' && previous != '\r') {
            copy.write('\r');
        }
        copy.write(c);
        previous = c;
    }

    private void reserve() {
        long more = copy.size() - reserved;
        if (budget.captureMore(more)) {
            reserved += more;
        } else {
            overflowed = true;
            release();
        }
    }

    /** Drops the copy and gives its allowance back; safe to call more than once. */
    void release() {
        budget.releaseCapture(reserved);
        reserved = 0;
        copy = new ByteArrayOutputStream();
    }

    /** The canonical copy, or empty when the allowance ran out. */
    Optional<byte[]> captured() {
        return overflowed ? Optional.empty() : Optional.of(copy.toByteArray());
    }
}
