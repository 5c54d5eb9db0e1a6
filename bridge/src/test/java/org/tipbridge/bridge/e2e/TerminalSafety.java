// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import java.util.ArrayList;
import java.util.List;

/** Characters that must never reach an analyst's terminal from tip content, and where they are. */
final class TerminalSafety {
    private TerminalSafety() {}

    /**
     * Every C0 control but newline and tab, DEL, every C1 control, and the bidi controls (LRM, RLM,
     * ALM, the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069), as
     * {@code U+XXXX at INDEX}.
     */
    static List<String> unsafe(String text) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                found.add(String.format("U+%04X at %d", (int) c, i));
            }
        }
        return found;
    }

    static boolean isUnsafe(char c) {
        return (c < 0x20 && c != '\n' && c != '\t')
                || (c >= 0x7F && c <= 0x9F)
                || c == 0x061C
                || c == 0x200E
                || c == 0x200F
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** The start of an output, for a failure message, with the unsafe characters made visible. */
    static String excerpt(String text) {
        StringBuilder b = new StringBuilder();
        text.chars()
                .limit(400)
                .forEach(c -> b.append(isUnsafe((char) c) ? String.format("<U+%04X>", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
