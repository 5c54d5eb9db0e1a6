// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

/** Writes a new TIFF: header, one directory of the kept entries, their values, then the image data with new offsets. */
final class TiffWriter {
    private static final int LONG = 4;

    private final TiffFile tiff;
    private final TiffImage image;

    TiffWriter(TiffFile tiff, TiffImage image) {
        this.tiff = tiff;
        this.image = image;
    }

    void write(List<TiffFile.Entry> kept, OutputStream out) throws IOException, NotCleanable {
        List<TiffFile.Entry> sorted = kept.stream()
                .sorted(Comparator.comparingInt(TiffFile.Entry::tag))
                .toList();
        for (TiffFile.Entry e : sorted) {
            if (!e.readable()) {
                throw new NotCleanable("malformed TIFF (bad value of an image tag)");
            }
        }
        long dataStart = valuesEnd(sorted);
        long[] newOffsets = new long[image.offsets().length];
        long at = dataStart;
        for (int i = 0; i < newOffsets.length; i++) {
            newOffsets[i] = at;
            at += image.counts()[i];
        }
        if (at > 0xFFFF_FFFFL) {
            throw new NotCleanable("over the TIFF size limit");
        }
        out.write(directory(sorted, (int) dataStart, newOffsets).array());
        for (int i = 0; i < newOffsets.length; i++) {
            out.write(tiff.bytes(), (int) image.offsets()[i], (int) image.counts()[i]);
        }
    }

    private int length(TiffFile.Entry e) {
        return e.tag() == image.offsetsTag() ? 4 * image.offsets().length : e.length();
    }

    /** Where the directory's out-of-line values end (even), given header and directory first. */
    private long valuesEnd(List<TiffFile.Entry> sorted) {
        long at = 8 + 2 + 12L * sorted.size() + 4;
        for (TiffFile.Entry e : sorted) {
            at += length(e) > 4 ? length(e) + (length(e) & 1) : 0;
        }
        return at;
    }

    private ByteBuffer directory(List<TiffFile.Entry> sorted, int dataStart, long[] newOffsets) {
        ByteBuffer b = ByteBuffer.allocate(dataStart).order(tiff.order());
        b.put(tiff.bytes(), 0, 4).putInt(8).putShort((short) sorted.size());
        int values = 8 + 2 + 12 * sorted.size() + 4;
        for (TiffFile.Entry e : sorted) {
            boolean offsets = e.tag() == image.offsetsTag();
            b.putShort((short) e.tag()).putShort((short) (offsets ? LONG : e.type()));
            b.putInt((int) (offsets ? newOffsets.length : e.count()));
            int valueAt = length(e) > 4 ? values : b.position();
            if (length(e) > 4) {
                b.putInt(values);
                values += length(e) + (length(e) & 1);
            } else {
                b.putInt(0);
            }
            if (offsets) {
                for (int i = 0; i < newOffsets.length; i++) {
                    b.putInt(valueAt + 4 * i, (int) newOffsets[i]);
                }
            } else {
                b.put(valueAt, tiff.bytes(), e.at(), e.length());
            }
        }
        b.putInt(0);
        return b;
    }
}
