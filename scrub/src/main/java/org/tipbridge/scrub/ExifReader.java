// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Exif (TIFF) block already held in memory and says what in it could identify a source.
 * Bounded: every offset is checked against the block, an IFD visited twice ends the walk, nesting
 * stops at {@link ScrubLimits#maxDepth()} and the entries read at {@link ScrubLimits#maxSegments()}.
 * A structure it cannot follow ends the walk with what was found so far: the block is removed anyway.
 */
final class ExifReader {
    private static final int EXIF_IFD = 0x8769;
    private static final int GPS_IFD = 0x8825;
    private static final Map<Integer, String> TEXT_TAGS = Map.ofEntries(
            Map.entry(0x010E, "image description"),
            Map.entry(0x010F, "camera make"),
            Map.entry(0x0110, "camera model"),
            Map.entry(0x0131, "software"),
            Map.entry(0x0132, "date and time changed"),
            Map.entry(0x013B, "artist name"),
            Map.entry(0x8298, "copyright notice"),
            Map.entry(0x9003, "date and time taken"),
            Map.entry(0x9004, "date and time digitised"),
            Map.entry(0xA420, "image unique id"),
            Map.entry(0xA430, "camera owner name"),
            Map.entry(0xA431, "camera serial number"),
            Map.entry(0xA433, "lens make"),
            Map.entry(0xA434, "lens model"),
            Map.entry(0xA435, "lens serial number"));
    private static final Map<Integer, String> WINDOWS_TAGS =
            Map.of(0x9C9B, "title", 0x9C9C, "comment", 0x9C9D, "author name", 0x9C9E, "keywords", 0x9C9F, "subject");

    private final TiffBlock tiff;
    private final ScrubLimits limits;
    private final List<Finding> findings;
    private final Set<Long> visited = new HashSet<>();
    private int entriesRead;

    private ExifReader(TiffBlock tiff, ScrubLimits limits, List<Finding> findings) {
        this.tiff = tiff;
        this.limits = limits;
        this.findings = findings;
    }

    /** Findings for an Exif block: first "Exif metadata", then each identifying value found. */
    static List<Finding> read(byte[] bytes, int offset, int length, ScrubLimits limits) {
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.removed("Exif metadata"));
        try {
            TiffBlock tiff = TiffBlock.of(bytes, offset, length);
            new ExifReader(tiff, limits, findings).walkMain(tiff.firstIfd());
        } catch (MalformedFile e) {
            findings.add(Finding.removed("unreadable Exif structure"));
        }
        return findings;
    }

    /** Strips an "Exif\0?" prefix if present (JPEG APP1, some WebP and PNG writers) and reads the rest. */
    static List<Finding> readWithOptionalPrefix(byte[] bytes, int offset, int length, ScrubLimits limits) {
        boolean prefixed = length >= 6 && new String(bytes, offset, 5, StandardCharsets.ISO_8859_1).equals("Exif\0");
        return prefixed ? read(bytes, offset + 6, length - 6, limits) : read(bytes, offset, length, limits);
    }

    private void walkMain(long ifd) throws MalformedFile {
        long next = walk(ifd, 0, false);
        if (next != 0) {
            findings.add(Finding.removed("embedded thumbnail"));
        }
    }

    /** Reads one IFD and the IFDs it points to; returns the offset of the next IFD in its chain (0 for none). */
    private long walk(long ifd, int depth, boolean gps) throws MalformedFile {
        if (depth > limits.maxDepth() || !visited.add(ifd)) {
            throw new MalformedFile("Exif directories loop or nest too deep");
        }
        int count = tiff.u16(ifd);
        entriesRead += count;
        if (entriesRead > limits.maxSegments()) {
            throw new MalformedFile("too many Exif entries");
        }
        tiff.check(ifd + 2, 12L * count + 4);
        GpsPosition position = new GpsPosition();
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            if (gps) {
                position.take(tiff, entry);
            } else {
                entry(entry, depth);
            }
        }
        if (gps) {
            findings.add(position.finding());
        }
        return tiff.u32(ifd + 2 + 12L * count);
    }

    private void entry(long entry, int depth) throws MalformedFile {
        int tag = tiff.u16(entry);
        if (tag == EXIF_IFD || tag == GPS_IFD) {
            walk(tiff.u32(entry + 8), depth + 1, tag == GPS_IFD);
        } else if (TEXT_TAGS.containsKey(tag)) {
            findings.add(Finding.removed(TEXT_TAGS.get(tag), tiff.ascii(entry)));
        } else if (WINDOWS_TAGS.containsKey(tag)) {
            findings.add(Finding.removed(WINDOWS_TAGS.get(tag), tiff.utf16le(entry)));
        } else if (tag == 0x9286) {
            findings.add(Finding.removed("user comment", tiff.userComment(entry)));
        } else if (tag == 0x927C) {
            findings.add(Finding.removed("camera maker notes"));
        }
    }
}
