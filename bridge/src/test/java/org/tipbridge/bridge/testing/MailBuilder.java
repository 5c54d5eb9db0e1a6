// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.nio.charset.StandardCharsets;

/** Builds raw RFC 822 messages for tests, with headers full of sender identifiers. */
public final class MailBuilder {
    private MailBuilder() {}

    /** Headers a real mail picks up on its way: every one of them identifies the sender somehow. */
    public static String identifyingHeaders(String from, String seed) {
        return identifyingHeaders(from, "Jane Source", seed);
    }

    /** As {@link #identifyingHeaders(String, String)}, with the display name in From (as written, e.g. encoded). */
    public static String identifyingHeaders(String from, String displayName, String seed) {
        return "From: " + displayName + " <" + from + ">\r\n"
                + "Reply-To: " + from + "\r\n"
                + "Sender: " + from + "\r\n"
                + "To: tips@localhost\r\n"
                + "Received: from laptop-" + seed + ".home.example.net (dsl-" + seed
                + ".isp.example.net [198.51.100.77]) by mx.example.org with ESMTPSA id abc" + seed + "\r\n"
                + "Received: from [10.11.12.13] (port=51234 helo=phone-" + seed
                + ".example.net) by smtp.example.net\r\n"
                + "Message-ID: <" + seed + ".4711@phone-" + seed + ".example.net>\r\n"
                + "X-Mailer: SourceMail 3.1 (build " + seed + ")\r\n"
                + "User-Agent: Thunderbird/115.0 (X11; Linux x86_64; host-" + seed + ")\r\n"
                + "X-Originating-IP: [203.0.113.45]\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; d=example.net; s=sel" + seed + "; h=from:to; b=Zm9vYmFy" + seed
                + "\r\n"
                + "Date: Tue, 24 Nov 2026 13:37:00 +0300\r\n";
    }

    /** RFC 3156 multipart/encrypted around an armored OpenPGP message. */
    public static byte[] pgpMime(String headers, String subject, byte[] armored) {
        String boundary = "b1_pgpmime_boundary";
        String s = headers
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"" + boundary
                + "\"\r\n\r\n"
                + "This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/pgp-encrypted\r\n"
                + "Content-Description: PGP/MIME version identification\r\n\r\n"
                + "Version: 1\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                + "Content-Description: OpenPGP encrypted message\r\n"
                + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n\r\n"
                + new String(armored, StandardCharsets.US_ASCII)
                        .replace("\r\n", "\n")
                        .replace("\n", "\r\n")
                + "\r\n--" + boundary + "--\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A MIME entity (what goes inside the encryption): one UTF-8 text part. */
    public static byte[] textEntity(String text) {
        return ("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] plain(String headers, String subject, String body) {
        return (headers + "Subject: " + subject + "\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body
                        + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart/mixed entity (what goes inside the encryption): the text, then the source's public key attached. */
    public static byte[] withAttachedKey(String text, byte[] armoredKey) {
        String boundary = "k3y_b0undary";
        String entity = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/pgp-keys; name=\"OpenPGP_key.asc\"\r\n"
                + "Content-Disposition: attachment; filename=\"OpenPGP_key.asc\"\r\n\r\n"
                + new String(armoredKey, StandardCharsets.US_ASCII)
                        .replace("\r\n", "\n")
                        .replace("\n", "\r\n")
                + "\r\n--" + boundary + "--\r\n";
        return entity.getBytes(StandardCharsets.UTF_8);
    }
}
