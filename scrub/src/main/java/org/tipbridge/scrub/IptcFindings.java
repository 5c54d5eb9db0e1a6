// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says what a Photoshop image-resource block (JPEG APP13, after "Photoshop 3.0\0") reveals: its
 * IPTC records (by-line, city, ...) and any thumbnail. Bounds-checked; an unreadable block ends
 * with what was found so far.
 */
final class IptcFindings {
    private static final int IPTC_RESOURCE = 0x0404;
    private static final Map<Integer, String> DATASETS = Map.ofEntries(
            Map.entry(5, "IPTC title"),
            Map.entry(25, "IPTC keywords"),
            Map.entry(55, "IPTC date created"),
            Map.entry(80, "IPTC author name (by-line)"),
            Map.entry(85, "IPTC author title"),
            Map.entry(90, "IPTC city"),
            Map.entry(92, "IPTC sublocation"),
            Map.entry(95, "IPTC province or state"),
            Map.entry(101, "IPTC country"),
            Map.entry(110, "IPTC credit"),
            Map.entry(115, "IPTC source"),
            Map.entry(116, "IPTC copyright notice"),
            Map.entry(118, "IPTC contact"),
            Map.entry(120, "IPTC caption"),
            Map.entry(122, "IPTC caption writer"));

    private IptcFindings() {}

    /** {@code offset} is where the first "8BIM" resource starts. */
    static List<Finding> read(byte[] b, int offset, int end) {
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.removed("IPTC metadata"));
        int at = offset;
        while (at + 12 <= end && b[at] == '8' && b[at + 1] == 'B' && b[at + 2] == 'I' && b[at + 3] == 'M') {
            int id = u16(b, at + 4);
            int nameLength = b[at + 6] & 0xFF;
            int sizeAt = at + 6 + ((nameLength + 2) & ~1);
            if (sizeAt + 4 > end) {
                break;
            }
            long size = u32(b, sizeAt);
            long dataEnd = sizeAt + 4 + size;
            if (dataEnd > end) {
                break;
            }
            if (id == IPTC_RESOURCE) {
                records(b, sizeAt + 4, (int) dataEnd, findings);
            } else if (id == 0x0409 || id == 0x040C) {
                findings.add(Finding.removed("embedded thumbnail"));
            }
            at = (int) (dataEnd + (size & 1));
        }
        return findings;
    }

    /** IPTC-IIM records: 0x1C, record, dataset, 2-byte length, data. */
    private static void records(byte[] b, int from, int end, List<Finding> findings) {
        int at = from;
        while (at + 5 <= end && b[at] == 0x1C) {
            int record = b[at + 1] & 0xFF;
            int dataset = b[at + 2] & 0xFF;
            int length = u16(b, at + 3);
            if ((length & 0x8000) != 0 || at + 5 + length > end) {
                return;
            }
            if (record == 2 && DATASETS.containsKey(dataset)) {
                findings.add(Finding.removed(DATASETS.get(dataset), PlainValue.ofUtf8(b, at + 5, length)));
            }
            at += 5 + length;
        }
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
