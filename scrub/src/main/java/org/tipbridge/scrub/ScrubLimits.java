// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/**
 * Bounds on what a cleaner reads and holds. {@code maxInMemoryBytes}: formats that need random
 * access (PDF, TIFF, zip-based documents) are held in memory up to this size, and are not cleaned
 * above it; {@code maxSegments}: chunks, segments, boxes or zip entries in one file; {@code
 * maxDepth}: nesting of boxes, IFDs, zips in zips; {@code maxExpandedBytes} and {@code maxRatio}:
 * what decompression (a zip entry, a PNG zTXt chunk) may produce in total and per compressed byte;
 * {@code maxPixels}: width times height an image header may claim.
 */
public record ScrubLimits(
        long maxInMemoryBytes, int maxSegments, int maxDepth, long maxExpandedBytes, int maxRatio, long maxPixels) {

    /** 64 MiB in memory, 100,000 segments, depth 16, 256 MiB expanded at most 100:1, 200 megapixels. */
    public static final ScrubLimits DEFAULT = new ScrubLimits(64L << 20, 100_000, 16, 256L << 20, 100, 200_000_000L);

    public ScrubLimits {
        if (maxInMemoryBytes < 1024
                || maxSegments < 16
                || maxDepth < 2
                || maxExpandedBytes < 1024
                || maxRatio < 2
                || maxPixels < 1) {
            throw new IllegalArgumentException("scrub limits too small");
        }
    }
}
