// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Arrays;
import java.util.Set;

/** A plain box finder for tests, independent of the cleaner's own walker. */
final class TestBoxes {
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

    private TestBoxes() {}

    /** Start and end of the first box of {@code type}, searching containers depth first. */
    static long[] find(byte[] b, long start, long end, String type) {
        long at = start;
        while (at + 8 <= end) {
            long size = Bytes.u32(b, (int) at);
            int header = 8;
            if (size == 1) {
                size = Bytes.s64(b, (int) at + 8);
                header = 16;
            } else if (size == 0) {
                size = end - at;
            }
            String t = BoxHeader.type(b, (int) at + 4);
            if (t.equals(type)) {
                return new long[] {at + header, at + size};
            }
            if (CONTAINERS.contains(t)) {
                long[] inside = find(b, at + header, at + size, type);
                if (inside != null) {
                    return inside;
                }
            }
            at += size;
        }
        return null;
    }

    static byte[] payload(byte[] b, String type) {
        long[] span = find(b, 0, b.length, type);
        return Arrays.copyOfRange(b, (int) span[0], (int) span[1]);
    }

    static long[] chunkOffsets(byte[] b) {
        byte[] stco = payload(b, "stco");
        long[] offsets = new long[(int) Bytes.u32(stco, 4)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Bytes.u32(stco, 8 + 4 * i);
        }
        return offsets;
    }
}
