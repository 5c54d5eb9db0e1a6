// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;

/** Big-endian numbers and printable text read from byte arrays (callers check bounds first). */
final class Bytes {
    private static final int MAX_TEXT = 200;

    private Bytes() {}

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static long s64(byte[] b, int at) {
        return (u32(b, at) << 32) | u32(b, at + 4);
    }

    static void putU32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    /** Text for a finding's value: UTF-8, cut at a NUL, control characters dropped, at most 200 characters. */
    static String printable(byte[] b, int at, int length) {
        String text = new String(b, at, Math.max(0, length), StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        StringBuilder out = new StringBuilder();
        for (char c : (nul >= 0 ? text.substring(0, nul) : text).toCharArray()) {
            if (out.length() >= MAX_TEXT) {
                break;
            }
            if (!Character.isISOControl(c) && Character.getType(c) != Character.FORMAT) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** A four-character code fit to show: letters, digits and the copyright sign, others as '_'. */
    static String fourCc(String type) {
        StringBuilder out = new StringBuilder();
        for (char c : type.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 0x80 || c == '\u00A9' ? c : '_');
        }
        return out.toString();
    }
}
