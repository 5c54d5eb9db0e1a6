// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/** Carries a decided {@link IntakeException} out through mime4j, which only lets I/O and MIME exceptions pass. */
final class IntakeAbort extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient IntakeException decision;

    IntakeAbort(IntakeException decision) {
        super(decision.getMessage(), decision);
        this.decision = decision;
    }

    static IntakeAbort rejected(QuarantineReason reason) {
        return new IntakeAbort(new IntakeException.Rejected(reason));
    }

    static IntakeAbort rejected(QuarantineReason reason, Throwable cause) {
        return new IntakeAbort(new IntakeException.Rejected(reason, cause));
    }

    /** A local failure (sealing, the key store) that is no fault of the message: retry later. */
    static IntakeAbort localIo(String what, Throwable cause) {
        return new IntakeAbort(new IntakeException.TransientIo(what, cause));
    }

    IntakeException decision() {
        return decision;
    }
}
