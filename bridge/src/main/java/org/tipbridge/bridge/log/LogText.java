// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

/**
 * Makes text safe for a one-line log entry: line breaks become visible {@code \n} / {@code \r},
 * other control and format characters (terminal escapes, bidirectional overrides) become '?'.
 */
final class LogText {

    private LogText() {}

    /**
     * Cuts text longer than {@code max} characters at the last whitespace before the limit, so no
     * identifier is cut in half (a half identifier might escape redaction), and says how much went.
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max;
        while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        return text.substring(0, cut) + " ...(" + (text.length() - cut) + " characters cut)";
    }

    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
