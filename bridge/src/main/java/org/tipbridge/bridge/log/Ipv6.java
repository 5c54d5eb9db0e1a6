// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

/** Recognises textual IPv6 addresses (RFC 4291 section 2.2), with an optional zone id. */
final class Ipv6 {

    private static final int GROUPS = 8;

    private Ipv6() {}

    static boolean isAddress(String candidate) {
        int zone = candidate.indexOf('%');
        String address = zone < 0 ? candidate : candidate.substring(0, zone);
        if (address.length() <= 2) {
            return false;
        }
        int gap = address.indexOf("::");
        if (gap < 0) {
            return groups(address, true) == GROUPS;
        }
        if (address.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int head = groups(address.substring(0, gap), false);
        int tail = groups(address.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail < GROUPS;
    }

    /**
     * Counts the 16-bit groups in a colon-separated run, an embedded IPv4 address in last place
     * counting two where {@code ipv4Last} allows it; -1 when malformed.
     */
    private static int groups(String run, boolean ipv4Last) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (ipv4Last && last && parts[i].contains(".")) {
                return isIpv4(parts[i]) ? count + 2 : -1;
            }
            if (!parts[i].matches("[0-9A-Fa-f]{1,4}")) {
                return -1;
            }
            count++;
        }
        return count;
    }

    private static boolean isIpv4(String text) {
        return text.matches("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    }
}
