// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plaintext of a quarantined mail's sealed copy (decision 27): a short preamble ({@code
 * truncated}, {@code header-dropped}, {@code body} kind), the top-level headers whose names are on
 * {@link CopyHeaders#ALLOWED} (unfolded; Content-Type reduced to its media type, Content-Disposition
 * to its type, Content-Transfer-Encoding dropped), then what {@link CopyBody} keeps of the body: the
 * decoded text of a single {@code text/plain} message (cut at {@link #BODY_MAX}), else a summary of
 * its top-level parts. Reading is bounded: a header over {@link CopyHeaders#HEADER_MAX} is dropped,
 * a header block over {@link CopyHeaders#BLOCK_MAX} ends the copy, at most {@link #BODY_READ_MAX}
 * body bytes are read.
 */
public final class RedactedCopy {
    /** The most body bytes (decoded text, UTF-8) a copy keeps. */
    public static final int BODY_MAX = 256 * 1024;
    /** The most bytes of a body a copy reads (a base64 text of {@link #BODY_MAX} fits). */
    static final int BODY_READ_MAX = 2 * BODY_MAX;
    /** The most bytes of a message a copy reads: the longest header block and the body. */
    public static final int READ_MAX = CopyHeaders.BLOCK_MAX + BODY_READ_MAX + 1;

    private static final String MAGIC = "tipbridge-quarantine-copy: 1";

    /**
     * A decoded copy: the kept headers, the body (text, or the part summary), what was left out, and
     * how the body was kept ({@code text}, {@code parts}, {@code encrypted}, {@code unreadable}).
     */
    public record Copy(List<Header> headers, byte[] body, boolean truncated, int headersDropped, String bodyKind) {
        public Copy(List<Header> headers, byte[] body, boolean truncated, int headersDropped) {
            this(headers, body, truncated, headersDropped, "text");
        }
    }

    /** One kept header, unfolded, as received (encoded words are not decoded). */
    public record Header(String name, String value) {}

    private RedactedCopy() {}

    /** Reads the message from {@code raw} (at most {@link #READ_MAX} bytes) and writes its copy to {@code out}. */
    public static void write(InputStream raw, OutputStream out) throws IOException {
        CopyHeaders.Block block = CopyHeaders.read(raw);
        List<String> kept = new ArrayList<>();
        String contentType = "";
        String transferEncoding = "";
        for (byte[] header : block.kept()) {
            String text = new String(header, StandardCharsets.ISO_8859_1);
            int colon = text.indexOf(':');
            String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = text.substring(colon + 1).strip();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-transfer-encoding")) {
                transferEncoding = value;
            }
            normalised(name, text, value).ifPresent(kept::add);
        }
        CopyBody.Kept body = new CopyBody.Kept(CopyBody.Kind.UNREADABLE, new byte[0], true);
        BoundedInput bounded = new BoundedInput(raw, BODY_READ_MAX);
        if (block.complete()) {
            body = CopyBody.keep(contentType, transferEncoding, bounded);
        }
        boolean truncated = !block.complete() || body.truncated() || bounded.exceeded();
        StringBuilder head = new StringBuilder(MAGIC).append("\r\n");
        head.append("truncated: ").append(truncated ? "yes" : "no").append("\r\n");
        head.append("header-dropped: ").append(block.dropped()).append("\r\n");
        head.append("body: ").append(body.kind().code()).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        for (String header : kept) {
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'\r', '\n'});
        out.write(body.text());
    }

    /** A kept header as the copy shows it: structural ones reduced to what carries no parameter. */
    private static Optional<String> normalised(String name, String header, String value) {
        return switch (name) {
            case "content-type" -> Optional.of("Content-Type: " + CopyBody.mediaType(value));
            case "content-transfer-encoding" -> Optional.empty();
            case "content-disposition" -> {
                String type = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                yield type.matches("[a-z-]{1,32}") ? Optional.of("Content-Disposition: " + type) : Optional.empty();
            }
            default -> Optional.of(header);
        };
    }

    /** Decodes a copy written by {@link #write}; {@code plain} is the decrypted stream. */
    public static Copy read(InputStream plain) throws IOException {
        List<String> meta = lines(plain);
        if (meta.isEmpty() || !meta.get(0).equals(MAGIC)) {
            throw new IOException("not a quarantine copy");
        }
        boolean truncated = meta.contains("truncated: yes");
        String kind = meta.stream()
                .filter(l -> l.startsWith("body: "))
                .map(l -> l.substring("body: ".length()))
                .findFirst()
                .orElse("text");
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
        return new Copy(headers, plain.readNBytes(BODY_MAX), truncated, dropped, kind);
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
