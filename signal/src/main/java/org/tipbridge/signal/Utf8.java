// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 checks that allocate nothing in proportion to the input. */
final class Utf8 {
    private Utf8() {}

    /**
     * Whether {@code json} is well-formed UTF-8 without a raw NUL byte (which JSON only allows escaped),
     * so that it can only be read as UTF-8, never guessed to be UTF-16 or UTF-32.
     */
    static boolean isStrictJsonText(byte[] json) {
        for (byte b : json) {
            if (b == 0) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(json);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        while ((result = decoder.decode(in, out, true)).isOverflow()) {
            out.clear();
        }
        return !result.isError() && !decoder.flush(out).isError();
    }

    /** Whether {@code text} takes more than {@code maxBytes} bytes in UTF-8 (a lone surrogate counts 3). */
    static boolean exceeds(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return true;
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= maxBytes; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxBytes;
    }
}
