// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata items a HEIF {@code meta} box declares ({@code iinf}/{@code infe}: Exif, XMP) and,
 * when it is one simple extent, where the Exif item lies ({@code iloc}: a file offset, or an offset
 * into {@code idat}).
 */
final class HeifItems {
    /** Where an item's bytes are: in the file ({@code inIdat} false) or in the meta box's idat. */
    record Extent(boolean inIdat, long offset, long length) {}

    private final BoxCursor meta;
    private final Map<Long, String> kinds = new HashMap<>();
    private final Map<Long, Extent> extents = new HashMap<>();
    private int idatStart = -1;
    private int idatEnd = -1;

    private HeifItems(byte[] meta) {
        this.meta = new BoxCursor(meta);
    }

    /** {@code whole} is the meta box with its 8-byte header. */
    static HeifItems of(byte[] whole, ScrubLimits limits) throws NotCleanable {
        HeifItems items = new HeifItems(whole);
        items.children(12, whole.length, limits);
        return items;
    }

    /** Kinds of the declared items: "Exif", "XMP", other item types. */
    List<String> kinds() {
        return new ArrayList<>(kinds.values());
    }

    /** The single extent of the first Exif item, if there is one that simple. */
    Extent exif() {
        return kinds.entrySet().stream()
                .filter(e -> e.getValue().equals("Exif"))
                .map(e -> extents.get(e.getKey()))
                .filter(e -> e != null)
                .findFirst()
                .orElse(null);
    }

    /** The idat payload bounds within the meta box, or -1. */
    int idatStart() {
        return idatStart;
    }

    int idatEnd() {
        return idatEnd;
    }

    private void children(int start, int end, ScrubLimits limits) throws NotCleanable {
        int at = start;
        int boxes = 0;
        while (end - at >= 8) {
            long size = meta.u32(at);
            if (size < 8 || size > end - at || ++boxes > limits.maxSegments()) {
                throw new NotCleanable("malformed HEIF metadata box");
            }
            String type = meta.type(at + 4);
            int boxEnd = at + (int) size;
            switch (type) {
                case "iinf" -> itemInfo(at + 8, boxEnd, limits);
                case "iloc" -> locations(at + 8, boxEnd, limits);
                case "idat" -> {
                    idatStart = at + 8;
                    idatEnd = boxEnd;
                }
                default -> {}
            }
            at = boxEnd;
        }
    }

    /** iinf: version, flags, entry count (16 bits in version 0), then infe boxes. */
    private void itemInfo(int start, int end, ScrubLimits limits) throws NotCleanable {
        int at = start + (meta.u8(start) == 0 ? 6 : 8);
        int boxes = 0;
        while (end - at >= 8) {
            long size = meta.u32(at);
            if (size < 8 || size > end - at || ++boxes > limits.maxSegments()) {
                throw new NotCleanable("malformed HEIF item list");
            }
            if (meta.type(at + 4).equals("infe")) {
                itemEntry(at + 8, at + (int) size);
            }
            at += (int) size;
        }
    }

    /** infe version 2/3: item id (16/32 bits), protection index, item type, name, then for mime a content type. */
    private void itemEntry(int start, int end) throws NotCleanable {
        int version = meta.u8(start);
        if (version < 2) {
            return;
        }
        int at = start + 4;
        long id = version == 2 ? meta.u16(at) : meta.u32(at);
        at += version == 2 ? 4 : 6;
        String type = meta.type(at);
        int name = meta.skipText(at + 4, end);
        boolean xmp = type.equals("mime") && meta.text(name, end).contains("rdf+xml");
        kinds.put(id, xmp ? "XMP" : type);
    }

    /** iloc: the offset, length, base offset and index sizes, then per item its extents. */
    private void locations(int start, int end, ScrubLimits limits) throws NotCleanable {
        meta.limit(end);
        try {
            locationEntries(start, limits);
        } finally {
            meta.limit(Integer.MAX_VALUE);
        }
    }

    private void locationEntries(int start, ScrubLimits limits) throws NotCleanable {
        int version = meta.u8(start);
        int sizes = meta.u16(start + 4);
        int offsetSize = sizes >> 12;
        int lengthSize = (sizes >> 8) & 0xF;
        int baseSize = (sizes >> 4) & 0xF;
        int indexSize = version == 1 || version == 2 ? sizes & 0xF : 0;
        meta.seek(start + 6);
        long count = version < 2 ? meta.next(2) : meta.next(4);
        long extents = 0;
        for (long i = 0; i < count; i++) {
            long id = version < 2 ? meta.next(2) : meta.next(4);
            int method = version == 1 || version == 2 ? (int) meta.next(2) & 0xF : 0;
            meta.next(2);
            long base = meta.next(baseSize);
            long extentCount = meta.next(2);
            extents += extentCount + 1;
            if (extents > limits.maxSegments()) {
                throw new NotCleanable("too many HEIF items");
            }
            long offset = 0;
            long length = 0;
            for (long j = 0; j < extentCount; j++) {
                meta.next(indexSize);
                offset = meta.next(offsetSize);
                length = meta.next(lengthSize);
            }
            if (extentCount == 1 && method <= 1) {
                this.extents.put(id, new Extent(method == 1, base + offset, length));
            }
        }
    }
}
