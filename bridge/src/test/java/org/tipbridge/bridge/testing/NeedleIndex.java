// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.util.Collection;
import java.util.Set;

/**
 * Many byte needles found in one pass over a stream: needles are indexed by their last two bytes
 * (one byte for one-byte needles), and a ring of the last bytes seen confirms a candidate.
 */
final class NeedleIndex {
    private final LeakScanner.Needle[][] byLastTwo = new LeakScanner.Needle[65536][];
    private final LeakScanner.Needle[][] byLastOne = new LeakScanner.Needle[256][];
    private final int ringSize;

    NeedleIndex(Collection<LeakScanner.Needle> needles) {
        int longest = 2;
        for (LeakScanner.Needle n : needles) {
            byte[] b = n.bytes();
            longest = Math.max(longest, b.length);
            if (b.length == 1) {
                byLastOne[b[0] & 0xFF] = append(byLastOne[b[0] & 0xFF], n);
            } else {
                int key = ((b[b.length - 2] & 0xFF) << 8) | (b[b.length - 1] & 0xFF);
                byLastTwo[key] = append(byLastTwo[key], n);
            }
        }
        ringSize = Integer.highestOneBit(longest) << 1;
    }

    private static LeakScanner.Needle[] append(LeakScanner.Needle[] to, LeakScanner.Needle n) {
        LeakScanner.Needle[] out = to == null ? new LeakScanner.Needle[1] : java.util.Arrays.copyOf(to, to.length + 1);
        out[out.length - 1] = n;
        return out;
    }

    Search search(Set<String> found) {
        return new Search(found);
    }

    /** One pass: feed bytes in order; labels of needles seen go into {@code found}. */
    final class Search {
        private final Set<String> found;
        private final byte[] ring = new byte[ringSize];
        private final int mask = ringSize - 1;
        private long count;
        private int lastTwo;

        private Search(Set<String> found) {
            this.found = found;
        }

        void accept(byte b) {
            ring[(int) (count & mask)] = b;
            count++;
            lastTwo = ((lastTwo << 8) | (b & 0xFF)) & 0xFFFF;
            check(byLastOne[b & 0xFF]);
            if (count >= 2) {
                check(byLastTwo[lastTwo]);
            }
        }

        private void check(LeakScanner.Needle[] candidates) {
            if (candidates == null) {
                return;
            }
            for (LeakScanner.Needle n : candidates) {
                if (endsHere(n.bytes())) {
                    found.add(n.label());
                }
            }
        }

        private boolean endsHere(byte[] needle) {
            if (needle.length > count) {
                return false;
            }
            for (int k = 0; k < needle.length; k++) {
                if (ring[(int) ((count - 1 - k) & mask)] != needle[needle.length - 1 - k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
