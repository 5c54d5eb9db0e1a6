// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Reads a file into memory up to a limit; past the limit it reads the rest without holding it and gives nothing. */
final class WholeFile {
    /** The reason given for a file that is too large to hold. */
    static final String OVER_LIMIT = "over the size limit for cleaning";

    private WholeFile() {}

    static Optional<byte[]> read(byte[] head, InputStream in, long max) throws IOException {
        if (head.length > max) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        }
        ByteArrayOutputStream held = new ByteArrayOutputStream(Math.max(head.length, 8192));
        held.write(head);
        byte[] chunk = new byte[8192];
        long total = head.length;
        for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
            total += n;
            if (total > max) {
                held = null;
                in.transferTo(OutputStream.nullOutputStream());
                return Optional.empty();
            }
            held.write(chunk, 0, n);
        }
        return Optional.of(held.toByteArray());
    }
}
