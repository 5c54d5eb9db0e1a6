// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Positions as decimal degrees text, e.g. "1.2345 N 36.7890 W", from ISO 6709 strings and 3GPP loci boxes. */
final class Iso6709 {
    private static final Pattern POINT = Pattern.compile("^([+-])(\\d{2,6})(\\.\\d+)?([+-])(\\d{3,7})(\\.\\d+)?");

    private Iso6709() {}

    /** "+01.2345-036.7890/" gives "1.2345 N 36.7890 W"; text that is not ISO 6709 is returned as it is. */
    static String degrees(String iso) {
        Matcher m = POINT.matcher(iso);
        if (!m.find()) {
            return iso;
        }
        double lat = part(m.group(2), m.group(3), 2);
        double lon = part(m.group(5), m.group(6), 3);
        return text(m.group(1).equals("-") ? -lat : lat, m.group(4).equals("-") ? -lon : lon);
    }

    static String text(double lat, double lon) {
        return String.format(
                Locale.ROOT, "%.4f %s %.4f %s", Math.abs(lat), lat < 0 ? "S" : "N", Math.abs(lon), lon < 0 ? "W" : "E");
    }

    /** Degrees from ±DD[MM[SS]][.fraction] where {@code degreeDigits} is 2 for latitude and 3 for longitude. */
    private static double part(String digits, String fraction, int degreeDigits) {
        double value = Double.parseDouble(digits + (fraction == null ? "" : fraction));
        int extra = digits.length() - degreeDigits;
        if (extra == 4) {
            double degrees = Math.floor(value / 10_000);
            double minutes = Math.floor((value - degrees * 10_000) / 100);
            return degrees + minutes / 60 + (value - degrees * 10_000 - minutes * 100) / 3600;
        }
        if (extra == 2) {
            double degrees = Math.floor(value / 100);
            return degrees + (value - degrees * 100) / 60;
        }
        return value;
    }

    /** 3GPP loci: version, flags, language, name (NUL-ended), role, then longitude, latitude as 16.16 fixed point. */
    static String fromLoci(byte[] b, int start, int end) {
        int at = start + 6;
        while (at < end && b[at] != 0) {
            at++;
        }
        at += 2;
        if (end - at < 8) {
            return "";
        }
        double lon = (int) Bytes.u32(b, at) / 65536.0;
        double lat = (int) Bytes.u32(b, at + 4) / 65536.0;
        return text(lat, lon);
    }
}
