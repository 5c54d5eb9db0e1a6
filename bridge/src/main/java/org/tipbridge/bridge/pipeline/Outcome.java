// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

/**
 * What became of one inbound message. A {@link Duplicate} or {@link Quarantined} message may be
 * acknowledged upstream at once; a {@link Prepared} one only after the batch commit.
 */
public sealed interface Outcome {

    /**
     * Sealed and waiting in the current batch; committed by the next {@code flush}, which should
     * come now when {@code batchFull}. Must not be acknowledged upstream before that flush.
     */
    record Prepared(boolean batchFull) implements Outcome {}

    /** Already committed earlier (a replay after a crash, or a second delivery). */
    record Duplicate() implements Outcome {}

    /** Not a tip: kept in quarantine with a reason. */
    record Quarantined(long quarantineId, QuarantineReason reason) implements Outcome {}
}
