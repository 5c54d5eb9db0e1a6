// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Flags;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SearchTerm;

/**
 * The IMAP keyword that names a quarantined message's entry, {@code $tipbridge-q<ID>} (decision
 * 28): set before the message is moved to the quarantine folder, it lets the daemon find the
 * message again when an analyst releases or deletes the entry. It holds no sender data.
 */
final class QuarantineKeywords {
    static final String PREFIX = "$tipbridge-q";

    private QuarantineKeywords() {}

    static String keyword(long entryId) {
        return PREFIX + entryId;
    }

    static Flags flags(long entryId) {
        return new Flags(keyword(entryId));
    }

    /** The entry a keyword names, or -1 when it is not one of ours. */
    static long entryId(String keyword) {
        if (!keyword.startsWith(PREFIX)
                || keyword.length() == PREFIX.length()
                || keyword.length() > PREFIX.length() + 18) {
            return -1;
        }
        for (int i = PREFIX.length(); i < keyword.length(); i++) {
            if (keyword.charAt(i) < '0' || keyword.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(keyword.substring(PREFIX.length()));
    }

    /** Matches the messages carrying the entry's keyword. */
    static SearchTerm search(long entryId) {
        return new FlagTerm(flags(entryId), true);
    }
}
