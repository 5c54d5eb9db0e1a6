// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import java.io.InputStream;
import java.util.List;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.QuarantineCopies;

/** Turns one raw message into an outcome; afterwards the mailbox may delete it. */
public interface MessageHandler {
    Outcome handle(InputStream raw, String upstreamId) throws IntakeException.TransientIo;

    /**
     * Makes every {@link Outcome.Prepared} outcome handed out so far durable; only then may those
     * messages be deleted upstream. On failure none of them is durable.
     */
    void flush() throws IntakeException.TransientIo;

    /** Called instead of {@link #handle} when the mailbox reports the message is over the size limit. */
    Outcome oversize(String upstreamId) throws IntakeException.TransientIo;

    /**
     * Called after a {@link Outcome.Quarantined} outcome and before the message is moved: keeps its
     * sealed, redacted copy ({@code source} re-opens the message). On failure the message stays.
     */
    default void keepCopy(Outcome.Quarantined outcome, QuarantineCopies.Source source)
            throws IntakeException.TransientIo {}

    /**
     * Commits a quarantine row (reason {@code rate-limited}, no copy) for each message, in one
     * transaction; only then may they be moved out of the mailbox. Returns the entries' ids, in order.
     */
    default List<Long> rateLimited(List<String> upstreamIds) throws IntakeException.TransientIo {
        throw new IntakeException.TransientIo(
                "this handler cannot quarantine rate-limited messages", new UnsupportedOperationException());
    }

    /**
     * Whether a quarantine row for this message is committed already (a move out of the mailbox
     * failed or a crash came between): then it is moved again without being taken or charged.
     */
    default boolean quarantinedBefore(String upstreamId) throws IntakeException.TransientIo {
        return false;
    }
}
