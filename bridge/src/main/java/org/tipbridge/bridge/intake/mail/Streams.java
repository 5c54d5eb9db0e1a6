// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/** Bounded reads from untrusted streams. */
final class Streams {
    private static final int CHUNK = 16 * 1024;

    private Streams() {}

    /**
     * The first bytes of a stream: everything up to the end when it has at most {@code limit}
     * bytes ({@code complete}), otherwise the bytes read so far (a little over the limit) with the
     * rest still unread in the stream.
     */
    record Prefix(byte[] bytes, boolean complete) {
        InputStream followedBy(InputStream rest) {
            return new SequenceInputStream(new ByteArrayInputStream(bytes), rest);
        }
    }

    static Prefix readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK];
        while (out.size() <= limit) {
            int n = in.read(buf);
            if (n < 0) {
                return new Prefix(out.toByteArray(), true);
            }
            out.write(buf, 0, n);
        }
        return new Prefix(out.toByteArray(), false);
    }

    /** Reads and drops up to {@code n} bytes; returns how many were dropped. */
    static long discard(InputStream in, long n) throws IOException {
        byte[] buf = new byte[CHUNK];
        long done = 0;
        while (done < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
