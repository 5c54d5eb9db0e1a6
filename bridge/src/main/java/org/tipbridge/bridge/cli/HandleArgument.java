// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import org.tipbridge.bridge.handle.HandleNames;

/** A handle typed on the command line; it is repeated in a message only when it has the shape of a handle. */
final class HandleArgument {
    private HandleArgument() {}

    /** Shown for a handle whose records remain but whose link to the sender retention destroyed. */
    static final String EXPIRED = "This conversation has expired: its link to the sender was destroyed on retention;"
            + " replies cannot reach them.";

    /** A reply to an expired conversation: exit 3, saying why and what happens next. */
    static CliFailure.NotFound expired() {
        return new CliFailure.NotFound(EXPIRED + " If they write again, their message arrives under a new handle.");
    }

    static CliFailure.NotFound noConversation(String handle) {
        String which = HandleNames.isHandle(handle) ? handle : "with that handle";
        return new CliFailure.NotFound("no conversation " + which + "; `tipbridge queue list` shows the handles");
    }
}
