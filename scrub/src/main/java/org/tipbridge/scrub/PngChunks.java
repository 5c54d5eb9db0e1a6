// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.List;
import java.util.Locale;

/** Says what a removed PNG ancillary chunk held: text, Exif, modification time, or an unrecognised chunk. */
final class PngChunks {
    private PngChunks() {}

    static List<Finding> describe(String type, byte[] data, PngText text, ScrubLimits limits) throws MalformedFile {
        return switch (type) {
            case "tEXt", "zTXt", "iTXt" -> text.read(type, data);
            case "eXIf" -> ExifReader.readWithOptionalPrefix(data, 0, data.length, limits);
            case "tIME" -> List.of(time(data));
            default -> List.of(unread(type));
        };
    }

    /** A chunk too large to hold, or of a kind without values to report. */
    static Finding unread(String type) {
        return switch (type) {
            case "tEXt", "zTXt", "iTXt" -> Finding.removed("text chunk");
            case "eXIf" -> Finding.removed("Exif metadata");
            case "tIME" -> Finding.removed("modification time");
            default -> Finding.removed("unrecognised chunk", type);
        };
    }

    private static Finding time(byte[] data) {
        if (data.length != 7) {
            return Finding.removed("modification time");
        }
        int year = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        return Finding.removed(
                "modification time",
                String.format(
                        Locale.ROOT,
                        "%04d-%02d-%02d %02d:%02d:%02d",
                        year,
                        data[2] & 0xFF,
                        data[3] & 0xFF,
                        data[4] & 0xFF,
                        data[5] & 0xFF,
                        data[6] & 0xFF));
    }
}
