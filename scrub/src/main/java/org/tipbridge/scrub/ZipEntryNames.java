// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.regex.Pattern;

/**
 * Entry names a cleaned copy must not carry to an analyst's file system: a path that leaves the
 * folder it is unpacked in ({@code ..} as a step, an absolute path, a drive letter; {@code \}
 * counts as a separator, as it does on Windows), or control, bidi or byte-order characters that
 * disguise a name in a file manager or terminal. Such an archive is not cleaned (zip slip).
 */
final class ZipEntryNames {
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private ZipEntryNames() {}

    static boolean unsafe(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return true;
        }
        for (String step : SEPARATORS.split(name, -1)) {
            if (step.equals("..")) {
                return true;
            }
        }
        return name.codePoints().anyMatch(ZipEntryNames::disguising);
    }

    private static boolean disguising(int cp) {
        boolean control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
        boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061c;
        return control || bidi || cp == 0xfeff;
    }
}
