// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes identifiers from a file name (without its extension): e-mail addresses, UUIDs, IPv6 and
 * IPv4 addresses, and phone-number-like runs (a {@code +} and digits, or 7 or more digits with
 * separators). A false alarm costs a few characters of a name; a miss can name the source.
 */
final class NameScrubber {
    private static final List<Pattern> IDENTIFIERS = List.of(
            Pattern.compile("[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*"),
            Pattern.compile("[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"),
            Pattern.compile("[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"),
            Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}"),
            Pattern.compile("\\+\\(?\\d(?:[ \\-./()]{0,2}\\d){2,}"),
            Pattern.compile("\\(?\\d(?:[ \\-./()]{0,2}\\d){6,}"));
    private static final Pattern LEFTOVER_SEPARATORS = Pattern.compile("(?:[ _\\-.]*[_\\-.][ _\\-.]*|\\s+)$|^[ _\\-]+");

    private NameScrubber() {}

    static String scrub(String base) {
        String result = base;
        for (Pattern identifier : IDENTIFIERS) {
            result = identifier.matcher(result).replaceAll("");
        }
        if (result.equals(base)) {
            return base;
        }
        return LEFTOVER_SEPARATORS
                .matcher(result.replaceAll("\\s{2,}", " "))
                .replaceAll("")
                .strip();
    }
}
