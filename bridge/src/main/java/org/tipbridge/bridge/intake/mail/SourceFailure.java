// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;

/** An I/O error of the raw message source itself (the mailbox connection), as opposed to bad content. */
final class SourceFailure extends IOException {
    private static final long serialVersionUID = 1L;

    SourceFailure(Exception cause) {
        super("reading the raw message failed", cause);
    }
}
