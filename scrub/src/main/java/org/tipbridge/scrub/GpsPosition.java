// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Locale;

/** Collects latitude and longitude from the entries of an Exif GPS directory and words them in decimal degrees. */
final class GpsPosition {
    private String latitudeRef = "";
    private String longitudeRef = "";
    private double latitude = Double.NaN;
    private double longitude = Double.NaN;

    void take(TiffBlock tiff, long entry) throws MalformedFile {
        switch (tiff.u16(entry)) {
            case 1 -> latitudeRef = tiff.ascii(entry);
            case 2 -> latitude = degrees(tiff, entry);
            case 3 -> longitudeRef = tiff.ascii(entry);
            case 4 -> longitude = degrees(tiff, entry);
            default -> {}
        }
    }

    /** "GPS position" with e.g. "2.1234 S 37.5678 E" as value, or "GPS data" when no position could be read. */
    Finding finding() {
        boolean valid = latitude >= 0 && latitude <= 90 && longitude >= 0 && longitude <= 180;
        if (!valid || !latitudeRef.matches("[NS]") || !longitudeRef.matches("[EW]")) {
            return Finding.removed("GPS data");
        }
        return Finding.removed(
                "GPS position",
                String.format(Locale.ROOT, "%.4f %s %.4f %s", latitude, latitudeRef, longitude, longitudeRef));
    }

    private static double degrees(TiffBlock tiff, long entry) throws MalformedFile {
        if (tiff.count(entry) < 3 || tiff.u16(entry + 2) != 5) {
            return Double.NaN;
        }
        return tiff.rational(entry, 0) + tiff.rational(entry, 1) / 60 + tiff.rational(entry, 2) / 3600;
    }
}
