// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.conf.LimitsConfig;

/**
 * Counts what one message uses against the limits, across every nested parse (a decrypted entity
 * and a signed part count towards the same totals). Exceeding a limit aborts the parse.
 */
final class Budget {
    private final LimitsConfig limits;
    private int parts;
    private int depth;
    private long textBytes;

    Budget(LimitsConfig limits) {
        this.limits = limits;
    }

    LimitsConfig limits() {
        return limits;
    }

    void countPart() throws IntakeAbort {
        if (++parts > limits.maxParts()) {
            throw IntakeAbort.rejected(QuarantineReason.TOO_MANY_PARTS);
        }
    }

    void enterMultipart() throws IntakeAbort {
        if (++depth > limits.maxDepth()) {
            throw IntakeAbort.rejected(QuarantineReason.TOO_DEEP);
        }
    }

    void leaveMultipart() {
        depth--;
    }

    /** Checks one entity's header section size so far. */
    void checkHeader(long headerBytes) throws IntakeAbort {
        if (headerBytes > limits.maxHeaderBytes()) {
            throw IntakeAbort.rejected(QuarantineReason.HEADER_TOO_LARGE);
        }
    }

    /** Bytes of body text that may still be kept in memory. */
    long textRoom() {
        return Math.max(0, limits.maxTextBytes() - textBytes);
    }

    void useText(long bytes) {
        textBytes += bytes;
    }
}
