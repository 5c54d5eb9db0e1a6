// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/**
 * What one zip, with every zip nested in it, may still unpack: entries and expanded bytes, shared
 * across the nesting so that a zip of zips cannot multiply the limits; and how deep the nesting is.
 */
final class ExpansionBudget {
    private final ScrubLimits limits;
    private long bytesLeft;
    private int entriesLeft;

    ExpansionBudget(ScrubLimits limits) {
        this.limits = limits;
        this.bytesLeft = limits.maxExpandedBytes();
        this.entriesLeft = limits.maxSegments();
    }

    ScrubLimits limits() {
        return limits;
    }

    void countEntry() throws CannotClean {
        if (--entriesLeft < 0) {
            throw new CannotClean("too many files in the ZIP");
        }
    }

    void take(long bytes) throws CannotClean {
        bytesLeft -= bytes;
        if (bytesLeft < 0) {
            throw new CannotClean("ZIP expands past the size limit");
        }
    }
}
