// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The header of one ISO base media box (MP4, QuickTime, HEIF): its type, its total size ({@link
 * #TO_END} when it runs to the end of the file) and the header bytes as read.
 */
record BoxHeader(String type, long size, byte[] raw) {
    static final long TO_END = -1;

    /** The next header, or empty at the end of the file. */
    static Optional<BoxHeader> read(BoxInput input) throws IOException, NotCleanable {
        byte[] raw = new byte[16];
        int got = input.read(raw, 0, 8);
        if (got == 0) {
            return Optional.empty();
        }
        if (got < 8) {
            throw new NotCleanable("truncated box header");
        }
        long size = Bytes.u32(raw, 0);
        if (size == 1) {
            if (input.read(raw, 8, 8) < 8) {
                throw new NotCleanable("truncated box header");
            }
            size = Bytes.s64(raw, 8);
            if (size < 16) {
                throw new NotCleanable("impossible box size");
            }
            return Optional.of(new BoxHeader(type(raw, 4), size, raw));
        }
        if (size != 0 && size < 8) {
            throw new NotCleanable("impossible box size");
        }
        return Optional.of(new BoxHeader(type(raw, 4), size == 0 ? TO_END : size, Arrays.copyOf(raw, 8)));
    }

    static String type(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** Bytes after the header, or {@link #TO_END}. */
    long payload() {
        return size == TO_END ? TO_END : size - raw.length;
    }
}
