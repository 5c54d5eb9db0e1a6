// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.EnumMap;
import java.util.Map;

/** The registry of cleaners: one line per format. A format missing here is copied and flagged "metadata not checked". */
final class Cleaners {
    /** Copies the file unchanged and flags it as not checked. */
    static final Cleaner PASS_THROUGH = (head, in, out, limits) -> {
        out.write(head);
        in.transferTo(out);
        return ScrubReport.notChecked(Format.UNKNOWN);
    };

    private Cleaners() {}

    static Map<Format, Cleaner> all() {
        Map<Format, Cleaner> cleaners = new EnumMap<>(Format.class);
        // One line per format, e.g. cleaners.put(Format.JPEG, new JpegCleaner());
        cleaners.put(Format.JPEG, new JpegCleaner());
        cleaners.put(Format.PNG, new PngCleaner());
        cleaners.put(Format.GIF, new GifCleaner());
        cleaners.put(Format.WEBP, new WebpCleaner());
        cleaners.put(Format.MP4, new Mp4Cleaner());
        cleaners.put(Format.TIFF, new TiffCleaner());
        cleaners.put(Format.HEIF, new HeifCleaner());
        cleaners.put(Format.PDF, new PdfCleaner());
        cleaners.put(Format.ZIP, new ZipCleaner());
        return cleaners;
    }
}
