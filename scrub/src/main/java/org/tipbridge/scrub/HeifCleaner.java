// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks HEIF and HEIC files without cleaning them: copies the file unchanged, names the Exif and
 * XMP items its {@code meta} box declares (with GPS, camera and date values when the Exif item is
 * one simple extent), and always reports {@link ScrubReport.Outcome#FAILED}, so that only the
 * sealed original is kept.
 */
final class HeifCleaner implements Cleaner {
    /** Exif items larger than this are named but not read. */
    private static final int MAX_EXIF = 1 << 20;

    private static final Finding ONLY_CHECKED =
            Finding.flagged("could not be cleaned (HEIF is only checked, not cleaned); only the original is kept");

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        BoxInput input = new BoxInput(head, in);
        HeifScan scan = new HeifScan();
        try {
            walk(input, out, scan, limits);
        } catch (NotCleanable e) {
            input.copyToEnd(out, (position, bytes, length) -> {});
            return ScrubReport.failed(Format.HEIF, "malformed HEIF: " + e.getMessage());
        } finally {
            in.transferTo(OutputStream.nullOutputStream());
        }
        List<Finding> findings = new ArrayList<>(List.of(ONLY_CHECKED));
        findings.addAll(scan.findings());
        return new ScrubReport(Format.HEIF, ScrubReport.Outcome.FAILED, findings);
    }

    private static void walk(BoxInput input, OutputStream out, HeifScan scan, ScrubLimits limits)
            throws IOException, NotCleanable {
        int boxes = 0;
        Optional<BoxHeader> next;
        while ((next = BoxHeader.read(input)).isPresent()) {
            BoxHeader box = next.get();
            if (++boxes > limits.maxSegments()) {
                throw new NotCleanable("too many boxes");
            }
            out.write(box.raw());
            if (box.type().equals("meta") && scan.items == null) {
                byte[] payload = input.hold(box.payload(), limits.maxInMemoryBytes());
                out.write(payload);
                scan.meta(box.raw(), payload, limits);
            } else if (box.size() == BoxHeader.TO_END) {
                input.copyToEnd(out, scan::seen);
            } else {
                input.copy(box.payload(), out, scan::seen);
            }
        }
    }

    /** What the walk learnt: the declared items and, once copied past it, the Exif item's bytes. */
    private static final class HeifScan {
        private HeifItems items;
        private long exifAt = -1;
        private byte[] exif;

        void meta(byte[] header, byte[] payload, ScrubLimits limits) throws NotCleanable {
            byte[] whole = new byte[8 + payload.length];
            System.arraycopy(header, 0, whole, 0, 8);
            System.arraycopy(payload, 0, whole, 8, payload.length);
            items = HeifItems.of(whole, limits);
            HeifItems.Extent extent = items.exif();
            if (extent == null || extent.length() > MAX_EXIF || extent.length() < 8) {
                return;
            }
            exif = new byte[(int) extent.length()];
            if (!extent.inIdat()) {
                exifAt = extent.offset();
            } else if (items.idatStart() >= 0 && extent.offset() <= items.idatEnd() - items.idatStart() - exif.length) {
                System.arraycopy(whole, items.idatStart() + (int) extent.offset(), exif, 0, exif.length);
                exifAt = Long.MIN_VALUE;
            }
        }

        /** Copies the part of the Exif item that lies in these bytes. */
        void seen(long position, byte[] bytes, int length) {
            if (exif == null || exifAt < 0) {
                return;
            }
            long from = Math.max(position, exifAt);
            long to = Math.min(position + length, exifAt + exif.length);
            if (from < to) {
                System.arraycopy(bytes, (int) (from - position), exif, (int) (from - exifAt), (int) (to - from));
            }
        }

        List<Finding> findings() {
            List<Finding> found = new ArrayList<>();
            List<String> kinds = items == null ? List.of() : items.kinds();
            if (kinds.contains("Exif")) {
                found.add(Finding.flagged("Exif metadata (GPS and camera details may be present)"));
                found.addAll(HeifExif.describe(exif));
            }
            if (kinds.contains("XMP")) {
                found.add(Finding.flagged("XMP metadata (may hold GPS, dates, device)"));
            }
            return found;
        }
    }

    /** Reads an Exif item: a 4-byte offset to the TIFF header, then the TIFF structure. */
    private static final class HeifExif {
        static List<Finding> describe(byte[] exif) {
            if (exif == null) {
                return List.of();
            }
            long skip = Bytes.u32(exif, 0);
            if (skip > exif.length - 12) {
                return List.of();
            }
            try {
                TiffFile tiff = TiffFile.of(Arrays.copyOfRange(exif, 4 + (int) skip, exif.length));
                List<TiffFile.Entry> entries = tiff.directory(tiff.firstDirectory());
                return ExifFindings.of(tiff, entries, Set.of(), Finding.Action.FLAGGED);
            } catch (NotCleanable e) {
                return List.of();
            }
        }
    }
}
