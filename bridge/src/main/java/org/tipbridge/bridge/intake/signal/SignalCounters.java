// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.util.concurrent.atomic.AtomicLong;

/** Counts of what the Signal intake saw, without identifiers, for {@code tipbridge status} and alerts. */
public final class SignalCounters {
    private final AtomicLong tips = new AtomicLong();
    private final AtomicLong exceptions = new AtomicLong();
    private final AtomicLong groupMessages = new AtomicLong();
    private final AtomicLong groupNotices = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();

    void countTip() {
        tips.incrementAndGet();
    }

    void countException() {
        exceptions.incrementAndGet();
    }

    void countGroup() {
        groupMessages.incrementAndGet();
    }

    void countIgnored() {
        ignored.incrementAndGet();
    }

    void countMalformed() {
        malformed.incrementAndGet();
    }

    public long tips() {
        return tips.get();
    }

    /** Envelopes signal-cli could not decrypt: an alert condition (it may need an upgrade). */
    public long exceptions() {
        return exceptions.get();
    }

    public long groupMessages() {
        return groupMessages.get();
    }

    void countGroupNotice() {
        groupNotices.incrementAndGet();
    }

    /** Groups sent the one-time group notice (failed sends are not counted). */
    public long groupNotices() {
        return groupNotices.get();
    }

    /** Receipts, typing, sync and other envelopes that are not tips. */
    public long ignored() {
        return ignored.get();
    }

    void countSetAside() {
        setAside.incrementAndGet();
    }

    /** Spooled envelopes that kept failing and were set aside, sealed, for the operator. */
    public long setAside() {
        return setAside.get();
    }

    /** Envelopes the parser refused (over a limit, wrong shape); quarantined and set aside. */
    public long malformed() {
        return malformed.get();
    }

    void countUnreadable() {
        unreadable.incrementAndGet();
    }

    /** Lines from signal-cli that were not readable notifications; quarantined and set aside. */
    public long unreadable() {
        return unreadable.get();
    }
}
