// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cleans a held movie box (or a top-level metadata box) in place: user data, metadata, XMP and
 * vendor boxes become {@code free} boxes of the same size, creation and modification times become
 * zero, handler names are blanked. No size or offset changes.
 */
final class MovieBoxScrubber {
    /** Per container, the children that carry media structure; every other child becomes a free box. */
    private static final Map<String, Set<String>> STRUCTURE = Map.of(
            "moov", Set.of("mvhd", "trak", "iods", "mvex", "pssh", "ctab"),
            "trak", Set.of("tkhd", "tref", "edts", "mdia", "trgr", "load", "imap", "matt", "clip", "tapt", "txas"),
            "edts", Set.of("elst"),
            "mdia", Set.of("mdhd", "hdlr", "minf", "elng"),
            "minf", Set.of("vmhd", "smhd", "hmhd", "nmhd", "sthd", "gmhd", "dinf", "stbl", "hdlr"));
    /** Payload sizes of the boxes with times, for version 0 and version 1; any other size is malformed. */
    private static final Map<String, List<Integer>> TIMED =
            Map.of("mvhd", List.of(100, 112), "tkhd", List.of(84, 96), "mdhd", List.of(24, 36));

    private static final Set<String> PADDING = Set.of("free", "skip");
    /** Seconds from 1904-01-01 (QuickTime's epoch) to 1970-01-01. */
    private static final long EPOCH_1904 = 2_082_844_800L;

    private final ScrubLimits limits;
    private final List<Finding> findings = new ArrayList<>();
    private int boxes;

    MovieBoxScrubber(ScrubLimits limits) {
        this.limits = limits;
    }

    List<Finding> findings() {
        return findings;
    }

    /** Counts one more box against {@link ScrubLimits#maxSegments()}. */
    void count() throws NotCleanable {
        if (++boxes > limits.maxSegments()) {
            throw new NotCleanable("too many boxes");
        }
    }

    /** {@code whole} is one top-level box with a header of {@code headerLength} bytes. */
    void scrubTopLevel(byte[] whole, int headerLength) throws NotCleanable {
        String type = BoxHeader.type(whole, 4);
        if (type.equals("moov")) {
            children(whole, "moov", headerLength, whole.length, 1);
        } else {
            removeMetadata(whole, type, 0, headerLength, whole.length, 1);
        }
    }

    private void children(byte[] b, String parent, int start, int end, int depth) throws NotCleanable {
        if (depth >= limits.maxDepth()) {
            throw new NotCleanable("boxes nested too deep");
        }
        int at = start;
        while (at < end) {
            count();
            if (end - at < 8) {
                throw new NotCleanable("truncated box header");
            }
            int header = 8;
            long size = Bytes.u32(b, at);
            if (size == 1) {
                header = 16;
                size = end - at >= 16 ? Bytes.s64(b, at + 8) : -1;
            } else if (size == 0) {
                size = end - at;
            }
            if (size < header || size > end - at) {
                throw new NotCleanable("impossible box size");
            }
            String type = BoxHeader.type(b, at + 4);
            if (STRUCTURE.get(parent).contains(type)) {
                structure(b, type, at + header, at + (int) size, depth);
            } else if (PADDING.contains(type)) {
                Arrays.fill(b, at + header, at + (int) size, (byte) 0);
            } else if (type.equals("cmov")) {
                throw new NotCleanable("a compressed movie box, which is not supported");
            } else {
                removeMetadata(b, type, at, header, at + (int) size, depth);
            }
            at += (int) size;
        }
    }

    /** A child that stays: containers are walked, times cleared, handler names blanked. */
    private void structure(byte[] b, String type, int start, int end, int depth) throws NotCleanable {
        if (STRUCTURE.containsKey(type)) {
            children(b, type, start, end, depth + 1);
        } else if (TIMED.containsKey(type)) {
            clearTimes(b, TIMED.get(type), start, end);
        } else if (type.equals("hdlr")) {
            handler(b, start, end);
        }
    }

    private void removeMetadata(byte[] b, String type, int at, int header, int end, int depth) throws NotCleanable {
        new UserDataReader(b, limits, this::count, findings).describe(type, at + header, end, depth);
        Arrays.fill(b, at, end, (byte) 0);
        if (end - at >= 8) {
            Bytes.putU32(b, at, end - at);
            b[at + 4] = 'f';
            b[at + 5] = 'r';
            b[at + 6] = 'e';
            b[at + 7] = 'e';
        }
    }

    /** mvhd, tkhd, mdhd: version, flags, then creation and modification times (32 or 64 bits). */
    private void clearTimes(byte[] b, List<Integer> sizes, int start, int end) throws NotCleanable {
        int width = end - start >= 1 && b[start] == 1 ? 8 : 4;
        if (end - start != sizes.get(width / 8)) {
            throw new NotCleanable("malformed movie, track or media header");
        }
        long created = width == 8 ? Bytes.s64(b, start + 4) : Bytes.u32(b, start + 4);
        long modified = width == 8 ? Bytes.s64(b, start + 4 + width) : Bytes.u32(b, start + 4 + width);
        long shown = created != 0 ? created : modified;
        if (shown != 0) {
            findings.add(Finding.removed("recording time", time(shown)));
        }
        Arrays.fill(b, start + 4, start + 4 + 2 * width, (byte) 0);
    }

    private static String time(long seconds1904) {
        long unix = seconds1904 - EPOCH_1904;
        return unix > -10_000_000_000L && unix < 100_000_000_000L
                ? Instant.ofEpochSecond(unix).toString()
                : Long.toUnsignedString(seconds1904);
    }

    /** hdlr: version, flags, pre-defined, handler type, 12 reserved bytes, then the handler name. */
    private void handler(byte[] b, int start, int end) throws NotCleanable {
        if (end - start < 12) {
            throw new NotCleanable("truncated handler box");
        }
        String kind = BoxHeader.type(b, start + 8);
        if (kind.equals("meta")) {
            throw new NotCleanable("a timed metadata track, which may hold a GPS trail");
        }
        int name = start + 24;
        if (name < end) {
            String shown = Bytes.printable(b, name, end - name);
            if (!shown.isEmpty()) {
                findings.add(Finding.removed("handler name (may name the device or software)", shown));
            }
            Arrays.fill(b, name, end, (byte) 0);
        }
    }
}
