// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

/**
 * A message could not become a tip. Messages carry a reason code and never message content or
 * sender data. {@link Rejected} means the message itself is at fault (quarantine it and move on);
 * {@link TransientIo} means try again later (do not acknowledge upstream).
 */
public abstract sealed class IntakeException extends Exception
        permits IntakeException.Rejected, IntakeException.TransientIo {

    private IntakeException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The input is bad, over a limit, or not for us; the reason says which. */
    public static final class Rejected extends IntakeException {
        private final QuarantineReason reason;

        public Rejected(QuarantineReason reason, Throwable cause) {
            super("message rejected: " + reason.code(), cause);
            this.reason = reason;
        }

        public Rejected(QuarantineReason reason) {
            this(reason, null);
        }

        public QuarantineReason reason() {
            return reason;
        }
    }

    /** Local I/O or the mailbox failed; the message stays upstream and is retried. */
    public static final class TransientIo extends IntakeException {
        public TransientIo(String what, Throwable cause) {
            super(what, cause);
        }
    }
}
