// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import org.tipbridge.bridge.testing.MailBuilder;

/**
 * Builds the raw messages of the mail cases: every case has its own sender
 * ({@code case-N@sources.example}, N from the case name), so no case is ever rate limited because
 * of another, and the identifying headers of {@link MailBuilder}. Text uses LF; CRLF is made at the end.
 */
final class Mails {
    static final String DOMAIN = "sources.example";

    private Mails() {}

    /** The case's own sender address. */
    static String sender(String caseName) {
        return "case-" + number(caseName) + "@" + DOMAIN;
    }

    /** A stable number for a case name (its CRC-32). */
    static long number(String caseName) {
        CRC32 crc = new CRC32();
        crc.update(caseName.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The identifying headers of a real mail from the case's sender, with LF line ends. */
    static String headers(String caseName) {
        return MailBuilder.identifyingHeaders(sender(caseName), Long.toString(number(caseName)))
                .replace("\r\n", "\n");
    }

    /** A whole message: the case's headers, {@code Subject}, MIME-Version, then the entity (its headers first). */
    static byte[] message(String caseName, String subject, String entity) {
        return crlf(headers(caseName) + "Subject: " + subject + "\nMIME-Version: 1.0\n" + entity);
    }

    /** A message with exactly the given header lines (no others) and the entity. */
    static byte[] bare(String headerLines, String entity) {
        return crlf(headerLines + entity);
    }

    static byte[] plain(String caseName, String subject, String body) {
        return message(caseName, subject, text(body));
    }

    /** A PGP/MIME message whose encrypted payload is {@code innerEntity}, forged to the bridge with the case's seed. */
    static byte[] encrypted(String caseName, String subject, String innerEntity) {
        return encrypted(caseName, subject, innerEntity, PgpForge.Plan.toBridge());
    }

    static byte[] encrypted(String caseName, String subject, String innerEntity, PgpForge.Plan plan) {
        return message(caseName, subject, pgpMime(armored(caseName, innerEntity, plan)));
    }

    /** The armored OpenPGP message of {@code innerEntity} (made CRLF) under {@code plan}. */
    static String armored(String caseName, String innerEntity, PgpForge.Plan plan) {
        byte[] armored = PgpForge.forge(number(caseName), plan, PgpForge.Content.of(crlf(innerEntity)));
        return new String(armored, StandardCharsets.US_ASCII);
    }

    /** An RFC 3156 multipart/encrypted entity around an armored payload. */
    static String pgpMime(String armored) {
        return multipart(
                "encrypted; protocol=\"application/pgp-encrypted\"",
                "pgp-boundary",
                List.of(
                        entity("Content-Type: application/pgp-encrypted\n", "Version: 1\n"),
                        entity("Content-Type: application/octet-stream; name=\"encrypted.asc\"\n", armored)));
    }

    /** An entity: header lines (each ending in LF), a blank line, the body. */
    static String entity(String headers, String body) {
        return headers + "\n" + body;
    }

    static String text(String body) {
        return entity("Content-Type: text/plain; charset=utf-8\n", body + "\n");
    }

    /** A multipart entity: {@code subtype} may carry parameters after a ';'. */
    static String multipart(String subtype, String boundary, List<String> parts) {
        StringBuilder out = new StringBuilder();
        out.append("Content-Type: multipart/")
                .append(subtype)
                .append("; boundary=\"")
                .append(boundary)
                .append("\"\n\n");
        for (String part : parts) {
            out.append("--").append(boundary).append('\n').append(part);
            if (!part.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.append("--").append(boundary).append("--\n").toString();
    }

    /** An attachment part; {@code disposition} is the whole Content-Disposition value. */
    static String attachment(String type, String disposition, byte[] content) {
        return entity(
                "Content-Type: " + type + "\nContent-Disposition: " + disposition
                        + "\nContent-Transfer-Encoding: base64\n",
                Base64.getMimeEncoder().encodeToString(content).replace("\r\n", "\n") + "\n");
    }

    static String attachment(String type, String fileName, String content) {
        return attachment(type, "attachment; filename=\"" + fileName + "\"", content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** ISO-8859-1 bytes as a string, to splice raw (non-UTF-8) bytes into a message built as text. */
    static String latin1(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** Like {@link #crlf} but every char is one byte (for messages holding raw, non-UTF-8 bytes). */
    static byte[] crlfLatin1(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
