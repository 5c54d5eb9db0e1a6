// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

/**
 * Removes what must never be stored or shown: control characters (C0 except LF and TAB, DEL, C1)
 * and bidirectional embedding, override and isolate characters. Line ends become LF.
 */
public final class CleanText {
    private CleanText() {}

    /** Multi-line text (bodies). */
    public static String body(String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(lines.length());
        lines.codePoints().filter(cp -> cp == '\n' || cp == '\t' || allowed(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** A single line (subjects, names): line breaks and tabs become spaces, runs of spaces collapse. */
    public static String line(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ");
        StringBuilder out = new StringBuilder(flat.length());
        flat.codePoints().filter(CleanText::allowed).forEach(out::appendCodePoint);
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    static boolean allowed(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return false;
        }
        return !isBidiControl(cp) && cp != 0xfeff;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c;
    }
}
