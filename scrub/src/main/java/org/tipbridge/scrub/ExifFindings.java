// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plain words and values for what a TIFF or Exif first directory holds beyond the image itself. */
final class ExifFindings {
    static final int EXIF_IFD = 34665;
    static final int GPS_IFD = 34853;

    /** Tags whose text value is worth showing to whoever opens the original. */
    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(270, "image description"),
            Map.entry(271, "camera make"),
            Map.entry(272, "camera model"),
            Map.entry(305, "software"),
            Map.entry(306, "date and time"),
            Map.entry(315, "author name"),
            Map.entry(316, "computer name"),
            Map.entry(33432, "copyright"),
            Map.entry(36867, "date taken"),
            Map.entry(42032, "camera owner name"),
            Map.entry(42033, "camera serial number"),
            Map.entry(42037, "lens serial number"));

    private static final Map<Integer, String> BLOCKS = Map.of(
            700,
            "XMP metadata (may hold GPS, dates, device)",
            33723,
            "IPTC metadata (may hold names, places)",
            34377,
            "Photoshop metadata",
            EXIF_IFD,
            "Exif metadata (camera settings, dates, serial numbers)");

    private final TiffFile tiff;
    private final Finding.Action action;
    private final List<Finding> findings = new ArrayList<>();

    private ExifFindings(TiffFile tiff, Finding.Action action) {
        this.tiff = tiff;
        this.action = action;
    }

    /** Findings for the first directory's entries other than {@code kept}, with {@code action}. */
    static List<Finding> of(TiffFile tiff, List<TiffFile.Entry> entries, Set<Integer> kept, Finding.Action action) {
        ExifFindings f = new ExifFindings(tiff, action);
        int other = 0;
        for (TiffFile.Entry e : entries) {
            if (!kept.contains(e.tag()) && !f.known(e)) {
                other++;
            }
        }
        if (other > 0) {
            f.add("other tags", other + " tags");
        }
        return f.findings;
    }

    private boolean known(TiffFile.Entry e) {
        if (TEXT.containsKey(e.tag())) {
            add(TEXT.get(e.tag()), tiff.text(e));
        } else if (e.tag() == GPS_IFD) {
            add("GPS position", gps(e));
        } else if (BLOCKS.containsKey(e.tag())) {
            add(BLOCKS.get(e.tag()), "");
            if (e.tag() == EXIF_IFD) {
                sub(e).forEach(inner -> {
                    if (TEXT.containsKey(inner.tag())) {
                        add(TEXT.get(inner.tag()), tiff.text(inner));
                    }
                });
            }
        } else {
            return false;
        }
        return true;
    }

    private void add(String what, String value) {
        findings.add(new Finding(what, action, Optional.of(value).filter(v -> !v.isBlank())));
    }

    /** The entries of the sub-directory an entry points to, or none when it cannot be read. */
    private List<TiffFile.Entry> sub(TiffFile.Entry pointer) {
        try {
            long[] offset = tiff.numbers(pointer, 1);
            return offset.length == 1 ? tiff.directory(offset[0]) : List.of();
        } catch (NotCleanable e) {
            return List.of();
        }
    }

    /** Latitude and longitude (GPS tags 1-4) as decimal degrees, or "" when absent. */
    private String gps(TiffFile.Entry pointer) {
        TiffFile.Entry[] byTag = new TiffFile.Entry[5];
        for (TiffFile.Entry e : sub(pointer)) {
            if (e.tag() >= 1 && e.tag() <= 4) {
                byTag[e.tag()] = e;
            }
        }
        if (byTag[2] == null || byTag[4] == null) {
            return "";
        }
        double lat =
                degrees(byTag[2]) * (byTag[1] != null && tiff.text(byTag[1]).startsWith("S") ? -1 : 1);
        double lon =
                degrees(byTag[4]) * (byTag[3] != null && tiff.text(byTag[3]).startsWith("W") ? -1 : 1);
        return Double.isNaN(lat) || Double.isNaN(lon) ? "" : Iso6709.text(lat, lon);
    }

    private double degrees(TiffFile.Entry e) {
        return tiff.rational(e, 0) + tiff.rational(e, 1) / 60 + tiff.rational(e, 2) / 3600;
    }
}
