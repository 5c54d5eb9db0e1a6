// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the receive-time granularity: {@code Nm}, {@code Nh} or {@code 1d}, dividing a day evenly. */
final class Granularity {

    static final String ALLOWED = "must be Nm, Nh or 1d that divides a day evenly, at least 1m (e.g. 15m, 1h, 6h)";

    private static final Pattern FORM = Pattern.compile("([0-9]{1,5})([mhd])");
    private static final long MINUTES_PER_DAY = 24 * 60;

    private Granularity() {}

    static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long minutes = Long.parseLong(m.group(1)) * unitMinutes(m.group(2));
        if (minutes < 1 || MINUTES_PER_DAY % minutes != 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(minutes));
    }

    private static long unitMinutes(String unit) {
        if (unit.equals("d")) {
            return MINUTES_PER_DAY;
        }
        return unit.equals("h") ? 60 : 1;
    }
}
