// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Turns bytes found in a file into a short value safe to show: no control or escape characters, at most 200 characters. */
final class PlainValue {
    static final int MAX_CHARS = 200;

    private PlainValue() {}

    /** Text up to its first NUL, e.g. an Exif ASCII field. */
    static String ofNulTerminated(byte[] bytes, int offset, int length, Charset charset) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return of(new String(bytes, offset, end - offset, charset));
    }

    static String ofLatin1(byte[] bytes, int offset, int length) {
        return ofNulTerminated(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    static String ofUtf8(byte[] bytes, int offset, int length) {
        return ofNulTerminated(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** Control, format and line-separating characters become a space; runs of spaces collapse; long text is cut. */
    static String of(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean blank = Character.isWhitespace(c)
                    || type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED;
            if (blank) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
