// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * What a quarantine copy keeps of a message's body (decision 27): only a message that is one
 * top-level {@code text/plain} part, not OpenPGP armored, keeps its text, decoded (transfer encoding
 * and charset) and cut at {@link RedactedCopy#BODY_MAX}. Anything else keeps only a summary of its
 * top-level structure ({@link PartSummary}): never a part's headers or bytes, which can carry
 * public keys, image metadata, forwarded headers or encrypt-to-self key ids.
 */
final class CopyBody {
    /** How the body was kept. */
    enum Kind {
        TEXT,
        PARTS,
        ENCRYPTED,
        UNREADABLE;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The kept body: its kind, UTF-8 text, and whether something was cut. */
    record Kept(Kind kind, byte[] text, boolean truncated) {}

    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final String ARMOR = "-----BEGIN PGP";

    private CopyBody() {}

    /** Keeps the body read from {@code body} (already bounded by the caller), given the top-level headers. */
    static Kept keep(String contentType, String transferEncoding, InputStream body) throws IOException {
        String type = mediaType(contentType);
        if (type.equals("text/plain")) {
            return text(contentType, transferEncoding, body);
        }
        if (type.equals("multipart/encrypted") || type.equals("application/pgp-encrypted")) {
            return summary(Kind.ENCRYPTED, "The body is not kept: it is encrypted.", false);
        }
        if (type.startsWith("multipart/")) {
            Optional<String> boundary = boundary(contentType);
            if (boundary.isEmpty()) {
                return summary(Kind.UNREADABLE, "The body is not kept: its structure could not be read.", false);
            }
            return PartSummary.scan(body, boundary.get())
                    .map(parts -> summary(Kind.PARTS, parts.describe(type), parts.truncated()))
                    .orElseGet(() ->
                            summary(Kind.UNREADABLE, "The body is not kept: its structure could not be read.", false));
        }
        PartSummary.Part one = new PartSummary.Part(type, body.transferTo(OutputStream.nullOutputStream()));
        return summary(Kind.PARTS, new PartSummary(List.of(one), false).describe(type), false);
    }

    private static Kept text(String contentType, String transferEncoding, InputStream body) throws IOException {
        byte[] bytes = decoded(transferEncoding, body).readNBytes(RedactedCopy.BODY_MAX + 1);
        boolean truncated = bytes.length > RedactedCopy.BODY_MAX;
        String text = new String(bytes, 0, Math.min(bytes.length, RedactedCopy.BODY_MAX), charset(contentType));
        if (text.contains(ARMOR)) {
            return summary(Kind.ENCRYPTED, "The body is not kept: it holds OpenPGP armor.", false);
        }
        return new Kept(Kind.TEXT, text.getBytes(StandardCharsets.UTF_8), truncated);
    }

    private static InputStream decoded(String transferEncoding, InputStream body) {
        String cte = transferEncoding.strip().toLowerCase(Locale.ROOT);
        if (cte.equals("base64")) {
            return Base64.getMimeDecoder().wrap(body);
        }
        if (cte.equals("quoted-printable")) {
            return new QuotedPrintableInputStream(body, DecodeMonitor.SILENT);
        }
        return body;
    }

    private static Kept summary(Kind kind, String text, boolean truncated) {
        return new Kept(kind, text.getBytes(StandardCharsets.UTF_8), truncated);
    }

    /** {@code type/subtype} in lower case, without parameters; {@code text/plain} when absent (RFC 2045). */
    static String mediaType(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? "text/plain" : PartSummary.safeType(type);
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        String b = m.group(1) != null ? m.group(1) : m.group(2);
        return b.isEmpty() || b.length() > 70 ? Optional.empty() : Optional.of(b);
    }
}
