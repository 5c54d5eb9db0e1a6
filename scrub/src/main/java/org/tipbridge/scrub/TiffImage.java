// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.List;

/** Where the first image's data is: its strips or tiles, checked to lie inside the file and to fit the limits. */
record TiffImage(int offsetsTag, long[] offsets, long[] counts) {
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;

    static TiffImage of(TiffFile tiff, List<TiffFile.Entry> entries, ScrubLimits limits) throws NotCleanable {
        long width = single(tiff, find(entries, 256));
        long height = single(tiff, find(entries, 257));
        if (width == 0 || height == 0 || width > limits.maxPixels() || height > limits.maxPixels() / width) {
            throw new NotCleanable("image size over the pixel limit or zero");
        }
        for (TiffFile.Entry e : entries) {
            if (e.tag() == 259 && whole(e) && e.count() == 1 && tiff.numbers(e, 1)[0] == 6) {
                throw new NotCleanable("old-style JPEG in TIFF is not supported");
            }
        }
        boolean tiled = find(entries, TILE_OFFSETS) != null;
        TiffFile.Entry offsets = find(entries, tiled ? TILE_OFFSETS : STRIP_OFFSETS);
        TiffFile.Entry counts = find(entries, tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
        if (offsets == null || counts == null || !whole(offsets) || !whole(counts)) {
            throw new NotCleanable("malformed TIFF (no image data)");
        }
        TiffImage image = new TiffImage(
                offsets.tag(), tiff.numbers(offsets, limits.maxSegments()), tiff.numbers(counts, limits.maxSegments()));
        image.check(tiff.length());
        return image;
    }

    private void check(long fileLength) throws NotCleanable {
        if (offsets.length != counts.length || offsets.length == 0) {
            throw new NotCleanable("malformed TIFF (strip counts differ)");
        }
        long total = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > fileLength) {
                throw new NotCleanable("malformed TIFF (image data outside the file)");
            }
            total += counts[i];
        }
        if (total > fileLength) {
            throw new NotCleanable("malformed TIFF (image data larger than the file)");
        }
    }

    private static long single(TiffFile tiff, TiffFile.Entry e) throws NotCleanable {
        if (e == null || !whole(e)) {
            throw new NotCleanable("malformed TIFF (no image size)");
        }
        long[] value = tiff.numbers(e, 1);
        if (value.length != 1) {
            throw new NotCleanable("malformed TIFF (no image size)");
        }
        return value[0];
    }

    /** SHORT or LONG. */
    private static boolean whole(TiffFile.Entry e) {
        return (e.type() == 3 || e.type() == 4) && e.readable();
    }

    private static TiffFile.Entry find(List<TiffFile.Entry> entries, int tag) {
        return entries.stream().filter(e -> e.tag() == tag).findFirst().orElse(null);
    }
}
