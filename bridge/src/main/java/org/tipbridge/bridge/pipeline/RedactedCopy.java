// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext of a quarantined mail's sealed copy (decision 27): a short preamble ({@code
 * truncated}, {@code header-dropped}), the top-level headers whose names are on {@link
 * CopyHeaders#ALLOWED} (unfolded), then the body bytes as received, cut at {@link #BODY_MAX}.
 * Reading is bounded: a header over {@link CopyHeaders#HEADER_MAX} is dropped, a header block
 * over {@link CopyHeaders#BLOCK_MAX} ends the copy.
 */
public final class RedactedCopy {
    /** The most body bytes a copy keeps. */
    public static final int BODY_MAX = 256 * 1024;
    /** The most bytes of a message a copy reads: the longest header block and the body. */
    public static final int READ_MAX = CopyHeaders.BLOCK_MAX + BODY_MAX + 1;

    private static final String MAGIC = "tipbridge-quarantine-copy: 1";

    /** A decoded copy: the kept headers, the body bytes, and what was left out. */
    public record Copy(List<Header> headers, byte[] body, boolean truncated, int headersDropped) {}

    /** One kept header, unfolded, as received (encoded words are not decoded). */
    public record Header(String name, String value) {}

    private RedactedCopy() {}

    /** Reads the message from {@code raw} (at most {@link #READ_MAX} bytes) and writes its copy to {@code out}. */
    public static void write(InputStream raw, OutputStream out) throws IOException {
        CopyHeaders.Block block = CopyHeaders.read(raw);
        byte[] body = block.complete() ? raw.readNBytes(BODY_MAX + 1) : new byte[0];
        boolean truncated = !block.complete() || body.length > BODY_MAX;
        StringBuilder head = new StringBuilder(MAGIC).append("\r\n");
        head.append("truncated: ").append(truncated ? "yes" : "no").append("\r\n");
        head.append("header-dropped: ").append(block.dropped()).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] header : block.kept()) {
            out.write(header);
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'\r', '\n'});
        out.write(body, 0, Math.min(body.length, BODY_MAX));
    }

    /** Decodes a copy written by {@link #write}; {@code plain} is the decrypted stream. */
    public static Copy read(InputStream plain) throws IOException {
        List<String> meta = lines(plain);
        if (meta.isEmpty() || !meta.get(0).equals(MAGIC)) {
            throw new IOException("not a quarantine copy");
        }
        boolean truncated = meta.contains("truncated: yes");
        int dropped = meta.stream()
                .filter(l -> l.startsWith("header-dropped: "))
                .mapToInt(l -> Integer.parseInt(l.substring("header-dropped: ".length())))
                .findFirst()
                .orElse(0);
        List<Header> headers = new ArrayList<>();
        for (String line : lines(plain)) {
            int colon = line.indexOf(':');
            headers.add(new Header(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new Copy(headers, plain.readNBytes(BODY_MAX), truncated, dropped);
    }

    /** CRLF lines up to the first empty one, each at most a header's size. */
    private static List<String> lines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String done = line.toString(StandardCharsets.UTF_8).stripTrailing();
                if (done.isEmpty()) {
                    return out;
                }
                out.add(done);
                line.reset();
            } else if (line.size() > CopyHeaders.HEADER_MAX) {
                throw new IOException("a quarantine copy line is too long");
            } else {
                line.write(b);
            }
        }
        return out;
    }
}
