// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.util.ArrayList;
import java.util.List;
import org.tipbridge.bridge.pipeline.RecordDocument;

/**
 * What an analyst's terminal and file system may receive from a record: no control characters
 * (only LF and TAB in a body), no DEL or C1, no bidi embedding, override or isolate characters,
 * no BOM; attachment names are single file names (no separator, no leading dot, not empty, at
 * most 200 characters).
 */
final class AnalystText {
    private AnalystText() {}

    /** Every rule {@code record} breaks, in words. */
    static List<String> problems(RecordDocument record) {
        List<String> out = new ArrayList<>();
        check(out, "subject", record.subject(), false);
        check(out, "body", record.body(), true);
        for (RecordDocument.Attachment a : record.attachments()) {
            String name = a.name();
            check(out, "attachment name", name, false);
            if (name.isEmpty()
                    || name.startsWith(".")
                    || name.contains("/")
                    || name.contains("\\")
                    || name.codePointCount(0, name.length()) > 200) {
                out.add("attachment name is not a plain file name: " + escaped(name));
            }
        }
        return out;
    }

    private static void check(List<String> out, String what, String text, boolean multiline) {
        text.codePoints()
                .filter(cp -> !(multiline && (cp == '\n' || cp == '\t')) && !allowed(cp))
                .findFirst()
                .ifPresent(cp -> out.add(what + " holds U+" + String.format("%04X", cp) + ": " + escaped(text)));
    }

    static boolean allowed(int cp) {
        boolean control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
        boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c;
        return !control && !bidi && cp != 0xfeff;
    }

    /** The first 120 characters, with anything unsafe shown as \\uXXXX, for a failure message. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(120).forEach(cp -> {
            if (allowed(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return out.toString();
    }
}
