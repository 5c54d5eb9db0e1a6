// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Set;

/** Which zip header fields carry times and owners. */
final class ZipTimes {
    /** Extended timestamp (0x5455), NTFS times (0x000a), old Info-ZIP Unix (0x5855). */
    private static final Set<Integer> TIME_FIELDS = Set.of(0x5455, 0x000a, 0x5855);
    /** Info-ZIP Unix uid/gid (0x7875), old Unix (0x7855), ASi Unix (0x756e). */
    private static final Set<Integer> OWNER_FIELDS = Set.of(0x7875, 0x7855, 0x756e);
    /** 1980-01-01 00:00:00, what Office writes for every entry. */
    private static final int DOS_EPOCH = 0x00210000;
    /** {@link ZipRewrite#FIXED_TIME} as a DOS time. */
    private static final int FIXED = 0x00210001;

    private ZipTimes() {}

    static boolean unset(int dosTime) {
        return dosTime == 0 || dosTime == DOS_EPOCH || dosTime == FIXED;
    }

    static boolean timeField(int id) {
        return TIME_FIELDS.contains(id);
    }

    static boolean ownerField(int id) {
        return OWNER_FIELDS.contains(id);
    }
}
