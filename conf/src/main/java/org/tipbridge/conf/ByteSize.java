// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte counts written as digits with an optional binary unit: {@code 100000}, {@code "64KiB"}. */
final class ByteSize {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,18}) ?(B|KiB|MiB|GiB|TiB)?");

    private ByteSize() {}

    /** The number of bytes, or empty when the text is not a size or does not fit in a long. */
    static Optional<Long> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(m.group(1));
        int shift = shift(m.group(2) == null ? "B" : m.group(2));
        if (number > (Long.MAX_VALUE >> shift)) {
            return Optional.empty();
        }
        return Optional.of(number << shift);
    }

    private static int shift(String unit) {
        switch (unit) {
            case "KiB":
                return 10;
            case "MiB":
                return 20;
            case "GiB":
                return 30;
            case "TiB":
                return 40;
            default:
                return 0;
        }
    }
}
