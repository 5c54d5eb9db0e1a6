// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The only way verbs write to stdout: plain text with every control, escape and bidi character
 * from tip content made visible as {@code \}{@code uXXXX}, or JSON with the same characters escaped.
 */
public final class Output {
    private final PrintStream out;
    private final ObjectMapper json;

    public Output(PrintStream out) {
        this.out = out;
        this.json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.getFactory().setCharacterEscapes(new SafeEscapes());
    }

    /** Prints text that may hold content from a tip; multi-line text keeps its line breaks and tabs. */
    public void text(String s) {
        out.println(sanitise(s));
    }

    public void json(Object value) {
        try {
            out.println(json.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sanitise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || !isUnsafe(cp)) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("\\u%04X", cp));
            }
        });
        return b.toString();
    }

    static boolean isUnsafe(int cp) {
        return cp < 0x20
                || (cp >= 0x7F && cp <= 0x9F)
                || cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFB);
    }

    private static final class SafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        SafeEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return isUnsafe(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
