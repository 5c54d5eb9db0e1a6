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

    /** Matches the messages carrying the entry's keyword. */
    static SearchTerm search(long entryId) {
        return new FlagTerm(flags(entryId), true);
    }
}
