// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers messages whose handling failed, so a message that fails every time (a poison message)
 * is retried with growing pauses while the messages after it keep flowing. Failures are about our
 * side (disk, database): the message stays in the mailbox and is never lost.
 */
final class RetryLedger {
    private static final int MAX_TRACKED = 10_000;
    private final Clock clock;
    private final Duration maxPause;
    private final Map<String, Entry> failures = new HashMap<>();

    RetryLedger(Clock clock, Duration maxPause) {
        this.clock = clock;
        this.maxPause = maxPause;
    }

    private record Entry(int count, Instant notBefore) {}

    /** True when the message failed before and its pause has not run out yet. */
    synchronized boolean passOver(String upstreamId) {
        Entry e = failures.get(upstreamId);
        return e != null && clock.instant().isBefore(e.notBefore());
    }

    synchronized void failed(String upstreamId) {
        if (failures.size() >= MAX_TRACKED) {
            failures.clear();
        }
        int count = failures.containsKey(upstreamId) ? failures.get(upstreamId).count() + 1 : 1;
        long seconds = Math.min(maxPause.getSeconds(), 1L << Math.min(count, 20));
        failures.put(upstreamId, new Entry(count, clock.instant().plusSeconds(seconds)));
    }

    synchronized void succeeded(String upstreamId) {
        failures.remove(upstreamId);
    }

    synchronized int size() {
        return failures.size();
    }
}
