// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable (RFC 2045 section 6.7) of UTF-8 text: line breaks of any kind become CRLF, lines
 * are at most 76 columns (soft breaks), the result is ASCII and ends with CRLF. A dot or "From " at
 * the start of a line, a tab and a space at the end of a line are encoded too, so no relay, mailbox
 * format or whitespace trimming can alter the text.
 */
final class QuotedPrintable {
    private static final int MAX_COLUMNS = 75; // plus the '=' of a soft break
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {}

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 2 + 16);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            encodeLine(line.getBytes(StandardCharsets.UTF_8), out);
            out.append(MimeHeaders.CRLF);
        }
        return out.toString();
    }

    private static void encodeLine(byte[] line, StringBuilder out) {
        int column = 0;
        for (int i = 0; i < line.length; i++) {
            String token = token(line, i, column == 0);
            if (column + token.length() > MAX_COLUMNS) {
                out.append('=').append(MimeHeaders.CRLF);
                column = 0;
                token = token(line, i, true);
            }
            out.append(token);
            column += token.length();
        }
    }

    private static String token(byte[] line, int i, boolean lineStart) {
        int b = line[i] & 0xff;
        boolean last = i == line.length - 1;
        if (b == ' ') {
            return last ? hex(b) : " ";
        }
        if (lineStart && (b == '.' || startsWithFrom(line, i))) {
            return hex(b);
        }
        if (b > ' ' && b < 0x7f && b != '=') {
            return String.valueOf((char) b);
        }
        return hex(b);
    }

    private static boolean startsWithFrom(byte[] line, int i) {
        if (line.length - i < FROM.length) {
            return false;
        }
        for (int k = 0; k < FROM.length; k++) {
            if (line[i + k] != FROM[k]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(int b) {
        return new String(new char[] {'=', HEX[b >> 4], HEX[b & 0xf]});
    }
}
