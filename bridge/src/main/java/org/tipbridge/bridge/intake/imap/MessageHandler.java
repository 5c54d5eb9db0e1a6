// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import java.io.InputStream;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;

/** Turns one raw message into an outcome; afterwards the mailbox may delete it. */
public interface MessageHandler {
    Outcome handle(InputStream raw, String upstreamId) throws IntakeException.TransientIo;

    /** Called instead of {@link #handle} when the mailbox reports the message is over the size limit. */
    Outcome oversize(String upstreamId) throws IntakeException.TransientIo;
}
