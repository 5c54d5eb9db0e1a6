// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A message that did not become a record: why (a stable reason code), when it could be kept the
 * blob holding a copy sealed to the analysts, and what analysts asked for it ({@link #state()}, one
 * of the {@code STATE_*} names, with a short {@code detail} code, the overridden reason and the
 * record a release made), and for e-mail where its message lies in the quarantine folder.
 */
public record QuarantineEntry(
        long id,
        Channel channel,
        Instant received,
        String reasonCode,
        Optional<String> originalBlob,
        long sizeBytes,
        String state,
        Optional<String> detail,
        Optional<String> override,
        OptionalLong recordId,
        Optional<Location> location) {

    public static final String STATE_HELD = "held";
    public static final String STATE_RELEASE_REQUESTED = "release-requested";
    public static final String STATE_RELEASED = "released";
    public static final String STATE_RELEASE_FAILED = "release-failed";
    public static final String STATE_DELETE_REQUESTED = "delete-requested";

    /** An entry as the pipeline makes it: held, nothing asked. */
    public QuarantineEntry(
            long id, Channel channel, Instant received, String reasonCode, Optional<String> originalBlob, long size) {
        this(
                id,
                channel,
                received,
                reasonCode,
                originalBlob,
                size,
                STATE_HELD,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty());
    }

    /**
     * Where an e-mail entry's message lies in the mailbox's quarantine folder: the folder's
     * UIDVALIDITY and the message's UID in it (from the server's COPYUID answer to the move).
     */
    public record Location(long uidValidity, long uid) {}

    /** Whether a sealed copy is kept. */
    public boolean hasCopy() {
        return originalBlob.isPresent();
    }
}
