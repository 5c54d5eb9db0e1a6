// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a message's top-level header block and keeps only the headers on an allowlist, unfolded:
 * none that names or traces the sender (From, Received, Message-ID, X-*, ...) survives, because
 * only harmless names are listed. Memory is bounded by {@link #HEADER_MAX} and {@link #MAX_KEPT}.
 */
final class CopyHeaders {
    /** The header names a quarantine copy keeps (lower case); every other header is dropped. */
    static final Set<String> ALLOWED = Set.of(
            "subject",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "content-disposition",
            "content-language");
    /** The longest header kept (unfolded); a longer one is dropped and counted. */
    static final int HEADER_MAX = 8 * 1024;
    /** The longest header block read; past it the copy ends (and is marked truncated). */
    static final int BLOCK_MAX = 256 * 1024;
    /** The most headers kept; further ones on the allowlist are dropped and counted. */
    static final int MAX_KEPT = 32;

    /** What the block held: kept headers ({@code Name: value}, unfolded), drops, and whether its end was found. */
    record Block(List<byte[]> kept, int dropped, boolean complete) {}

    private CopyHeaders() {}

    /** Reads up to and including the empty line that ends the header block (or {@link #BLOCK_MAX} bytes). */
    static Block read(InputStream in) throws IOException {
        Reader reader = new Reader();
        long total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (++total > BLOCK_MAX) {
                reader.end();
                return reader.block(false);
            }
            if (reader.take(b)) {
                return reader.block(true);
            }
        }
        reader.end();
        return reader.block(false);
    }

    /** Byte-at-a-time state: the header being gathered and the start of each line. */
    private static final class Reader {
        private final List<byte[]> kept = new ArrayList<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private boolean overflow;
        private boolean lineStart = true;
        private boolean emptyLine = true;
        private int dropped;

        /** Takes one byte; true when the block ended. */
        boolean take(int b) {
            if (b == '\n') {
                if (emptyLine) {
                    end();
                    return true;
                }
                lineStart = true;
                emptyLine = true;
                return false;
            }
            if (b == '\r') {
                return false;
            }
            if (lineStart && b != ' ' && b != '\t') {
                end();
            }
            lineStart = false;
            emptyLine = false;
            append(b);
            return false;
        }

        private void append(int b) {
            if (current.size() >= HEADER_MAX) {
                overflow = true;
            } else {
                current.write(b);
            }
        }

        /** Finishes the header gathered so far: kept when allowed and whole, else dropped. */
        void end() {
            if (current.size() == 0 && !overflow) {
                return;
            }
            byte[] header = current.toByteArray();
            if (overflow || (allowed(header) && kept.size() >= MAX_KEPT)) {
                dropped++;
            } else if (allowed(header)) {
                kept.add(header);
            }
            current.reset();
            overflow = false;
        }

        Block block(boolean complete) {
            return new Block(List.copyOf(kept), dropped, complete);
        }

        private static boolean allowed(byte[] header) {
            String text = new String(header, StandardCharsets.ISO_8859_1);
            int colon = text.indexOf(':');
            return colon > 0
                    && ALLOWED.contains(text.substring(0, colon).strip().toLowerCase(Locale.ROOT));
        }
    }
}
