// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds test messages as text; every line ending becomes CRLF. */
final class TestMail {
    static final String FROM = "From: Source <source@example.org>\n";
    private static final AtomicInteger BOUNDARIES = new AtomicInteger();

    private TestMail() {}

    /** An entity: header lines (each ending in \n), a blank line, the body. */
    static String entity(String headers, String body) {
        return headers + "\n" + body;
    }

    static String text(String body) {
        return entity("Content-Type: text/plain; charset=utf-8\n", body);
    }

    /** A multipart entity of the given subtype and extra content-type parameters. */
    static String multipart(String subtype, String params, List<String> parts) {
        String boundary = "b" + BOUNDARIES.incrementAndGet() + "x";
        StringBuilder out = new StringBuilder();
        out.append("Content-Type: multipart/")
                .append(subtype)
                .append("; boundary=\"")
                .append(boundary)
                .append('"')
                .append(params)
                .append("\n\n");
        for (String part : parts) {
            out.append("--").append(boundary).append('\n').append(part);
            if (!part.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.append("--").append(boundary).append("--\n").toString();
    }

    static String multipart(String subtype, List<String> parts) {
        return multipart(subtype, "", parts);
    }

    static String attachment(String type, String fileName, byte[] content) {
        String encoded = Base64.getMimeEncoder().encodeToString(content);
        return entity(
                "Content-Type: " + type + "\nContent-Disposition: attachment; filename=\"" + fileName
                        + "\"\nContent-Transfer-Encoding: base64\n",
                encoded + "\n");
    }

    /** A whole message: From and Subject, extra header lines, then the entity (its headers first). */
    static String message(String extraHeaders, String entity) {
        return FROM + "Subject: test\nMessage-ID: <1@example.org>\n" + extraHeaders + "MIME-Version: 1.0\n" + entity;
    }

    static InputStream stream(String message) {
        return new ByteArrayInputStream(crlf(message).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(String message) {
        return crlf(message).getBytes(StandardCharsets.UTF_8);
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
