// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 2047 encoded words ({@code =?utf-8?B?...?=}) for a header value that is not plain ASCII. Each
 * word holds whole characters and at most 39 bytes, so a word is 64 columns and a header line with
 * one word stays under 76. A reader joins adjacent words without the folding space between them,
 * so the value comes back exactly.
 */
final class EncodedWords {
    static final int MAX_BYTES_PER_WORD = 39;

    private EncodedWords() {}

    static List<String> of(String value) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int bytes = utf8Length(codePoint);
            if (chunkBytes + bytes > MAX_BYTES_PER_WORD) {
                words.add(word(chunk));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.appendCodePoint(codePoint);
            chunkBytes += bytes;
            i += Character.charCount(codePoint);
        }
        if (chunk.length() > 0) {
            words.add(word(chunk));
        }
        return words;
    }

    private static String word(CharSequence chunk) {
        byte[] utf8 = chunk.toString().getBytes(StandardCharsets.UTF_8);
        return "=?utf-8?B?" + Base64.getEncoder().encodeToString(utf8) + "?=";
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
