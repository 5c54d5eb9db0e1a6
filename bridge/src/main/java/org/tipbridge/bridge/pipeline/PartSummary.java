// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The top-level parts of a multipart body, as a quarantine copy lists them instead of the body
 * (decision 27): each part's media type (no parameters) and size in bytes, at most {@link
 * #MAX_PARTS}. Only a part's Content-Type is read, and only its type kept; no part header or byte
 * is kept. The input is bounded by the caller; a line is buffered at most {@link #LINE_KEPT} bytes.
 */
record PartSummary(List<Part> parts, boolean truncated) {
    /** The most parts listed; further ones are counted as truncation. */
    static final int MAX_PARTS = 50;

    private static final int LINE_KEPT = 100;
    private static final Pattern TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");

    /** One part: its media type and its size as received (transfer encoded), in bytes. */
    record Part(String type, long size) {}

    /** A media type as listed: {@code unknown} unless it is a plain {@code type/subtype} token. */
    static String safeType(String type) {
        return TYPE.matcher(type).matches() ? type : "unknown";
    }

    /** The parts between {@code --boundary} lines; empty when no boundary line is found. */
    static Optional<PartSummary> scan(InputStream body, String boundary) throws IOException {
        Scanner scanner = new Scanner(body, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        return scanner.run();
    }

    /** The text a copy keeps instead of the body. */
    String describe(String type) {
        StringBuilder out = new StringBuilder("The body is not kept: the message is ")
                .append(type)
                .append(". Its top-level parts (type, size in bytes):\n");
        for (int i = 0; i < parts.size(); i++) {
            out.append(i + 1)
                    .append(". ")
                    .append(parts.get(i).type())
                    .append(", ")
                    .append(parts.get(i).size())
                    .append('\n');
        }
        if (truncated) {
            out.append("(the list is incomplete: the message is longer or has more parts than a copy reads)\n");
        }
        return out.toString();
    }

    /** Line by line: boundary lines start parts; a part's header block yields its type; the rest is counted. */
    private static final class Scanner {
        private final InputStream in;
        private final byte[] delimiter;
        private final List<Part> parts = new ArrayList<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        /** The length of the last line's break (2 for CRLF, 1 for LF). */
        private int lastBreak;

        Scanner(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
        }

        Optional<PartSummary> run() throws IOException {
            boolean started = false;
            String type = null;
            long size = 0;
            int tail = 0;
            long lineLength;
            while ((lineLength = readLine()) >= 0) {
                int mark = boundary();
                if (mark == 0) {
                    size += lineLength;
                    tail = lastBreak;
                    continue;
                }
                if (type != null) {
                    // The line break before a boundary line belongs to the boundary.
                    parts.add(new Part(type, Math.max(0, size - tail)));
                }
                started = true;
                if (mark == 2 || parts.size() >= MAX_PARTS) {
                    return Optional.of(new PartSummary(List.copyOf(parts), mark != 2));
                }
                type = partType();
                size = 0;
                tail = 0;
            }
            if (type != null) {
                parts.add(new Part(type, size));
            }
            return started ? Optional.of(new PartSummary(List.copyOf(parts), true)) : Optional.empty();
        }

        /** Reads the part's header block; keeps only its media type. */
        private String partType() throws IOException {
            CopyHeaders.Block block = CopyHeaders.read(in);
            for (byte[] header : block.kept()) {
                String text = new String(header, StandardCharsets.ISO_8859_1);
                int colon = text.indexOf(':');
                if (text.substring(0, colon).strip().equalsIgnoreCase("content-type")) {
                    return CopyBody.mediaType(text.substring(colon + 1));
                }
            }
            return "text/plain";
        }

        /** 1 for a {@code --boundary} line, 2 for the closing {@code --boundary--}, else 0. */
        private int boundary() {
            byte[] b = line.toByteArray();
            int end = b.length;
            while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t' || b[end - 1] == '\r')) {
                end--;
            }
            if (end < delimiter.length || !Arrays.equals(b, 0, delimiter.length, delimiter, 0, delimiter.length)) {
                return 0;
            }
            if (end == delimiter.length) {
                return 1;
            }
            boolean closing =
                    end == delimiter.length + 2 && b[delimiter.length] == '-' && b[delimiter.length + 1] == '-';
            return closing ? 2 : 0;
        }

        /** Reads one line (keeping its first bytes); returns its full length with its line break, -1 at the end. */
        private long readLine() throws IOException {
            line.reset();
            long length = 0;
            int c;
            int previous = -1;
            while ((c = in.read()) >= 0) {
                length++;
                if (c == '\n') {
                    lastBreak = previous == '\r' ? 2 : 1;
                    return length;
                }
                previous = c;
                if (line.size() < LINE_KEPT) {
                    line.write(c);
                }
            }
            lastBreak = 0;
            return length == 0 ? -1 : length;
        }
    }
}
