// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cleans TIFF files by writing a new TIFF in the same byte order with one directory holding only
 * the tags needed to show the first image, and that image's strips or tiles: camera, author,
 * date, Exif, GPS, XMP, IPTC and every other tag, and every further page or thumbnail, are left
 * out. The file is held in memory up to {@link ScrubLimits#maxInMemoryBytes()}.
 */
final class TiffCleaner implements Cleaner {
    /** Tags needed to decode and show the image (baseline, predictor, tiles, JPEG tables, YCbCr, colour). */
    static final Set<Integer> KEPT = Set.of(
            256, 257, 258, 259, 262, 266, 273, 274, 277, 278, 279, 282, 283, 284, 292, 293, 296, 301, 317, 318, 319,
            320, 322, 323, 324, 325, 332, 338, 339, 340, 341, 347, 529, 530, 531, 532, 34675);

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        try {
            byte[] whole = hold(head, in, limits);
            TiffFile tiff = TiffFile.of(whole);
            List<TiffFile.Entry> entries = tiff.directory(tiff.firstDirectory());
            int more = followingDirectories(tiff, limits);
            TiffImage image = TiffImage.of(tiff, entries, limits);
            List<Finding> findings = new ArrayList<>(ExifFindings.of(tiff, entries, KEPT, Finding.Action.REMOVED));
            if (more > 0) {
                findings.add(Finding.removed("additional pages or thumbnails", more + " more"));
            }
            List<TiffFile.Entry> kept =
                    entries.stream().filter(e -> KEPT.contains(e.tag())).toList();
            refuseOverlap(entries, kept, image);
            new TiffWriter(tiff, image).write(kept, out);
            return ScrubReport.cleaned(Format.TIFF, findings);
        } catch (NotCleanable e) {
            return ScrubReport.failed(Format.TIFF, e.getMessage());
        } finally {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static byte[] hold(byte[] head, InputStream in, ScrubLimits limits) throws IOException, NotCleanable {
        long max = Math.min(limits.maxInMemoryBytes(), Integer.MAX_VALUE - 16);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(head);
        whole.write(in.readNBytes((int) Math.max(0, max + 1 - head.length)));
        if (whole.size() > max) {
            throw new NotCleanable("over the in-memory size limit");
        }
        return whole.toByteArray();
    }

    /** A kept value or image data that shares bytes with a removed value would carry it along: malformed. */
    private static void refuseOverlap(List<TiffFile.Entry> entries, List<TiffFile.Entry> kept, TiffImage image)
            throws NotCleanable {
        BitSet removed = new BitSet();
        for (TiffFile.Entry e : entries) {
            if (!KEPT.contains(e.tag()) && e.readable() && e.length() > 4) {
                removed.set(e.at(), e.at() + e.length());
            }
        }
        for (TiffFile.Entry e : kept) {
            if (e.type() == 2) {
                throw new NotCleanable("malformed TIFF (text in an image tag)");
            }
            if (e.length() > 4 && overlaps(removed, e.at(), e.at() + e.length())) {
                throw new NotCleanable("malformed TIFF (values overlap)");
            }
        }
        for (int i = 0; i < image.offsets().length; i++) {
            if (overlaps(removed, image.offsets()[i], image.offsets()[i] + image.counts()[i])) {
                throw new NotCleanable("malformed TIFF (values overlap)");
            }
        }
    }

    private static boolean overlaps(BitSet removed, long from, long to) {
        int next = removed.nextSetBit((int) from);
        return next >= 0 && next < to;
    }

    /** How many directories follow the first (further pages, thumbnails); a loop or a bad offset is malformed. */
    private static int followingDirectories(TiffFile tiff, ScrubLimits limits) throws NotCleanable {
        Set<Long> seen = new HashSet<>();
        long at = tiff.firstDirectory();
        while (seen.add(at)) {
            if (seen.size() > limits.maxSegments()) {
                throw new NotCleanable("too many TIFF directories");
            }
            tiff.directory(at);
            at = tiff.next(at);
            if (at == 0) {
                return seen.size() - 1;
            }
        }
        throw new NotCleanable("malformed TIFF (directory loop)");
    }
}
