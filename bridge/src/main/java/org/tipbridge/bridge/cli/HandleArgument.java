// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import org.tipbridge.bridge.handle.HandleNames;

/** A handle typed on the command line; it is repeated in a message only when it has the shape of a handle. */
final class HandleArgument {
    private HandleArgument() {}

    static CliFailure.NotFound noConversation(String handle) {
        String which = HandleNames.isHandle(handle) ? handle : "with that handle";
        return new CliFailure.NotFound("no conversation " + which + "; `tipbridge queue list` shows the handles");
    }
}
