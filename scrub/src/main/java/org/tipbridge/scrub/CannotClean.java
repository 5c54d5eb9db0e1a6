// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;

/**
 * A file that cannot be cleaned (over a limit, hostile, malformed), with the reason in plain words
 * and no content. An IOException so that it can leave a stream's {@code read}; cleaners turn it
 * into {@link ScrubReport#failed}.
 */
final class CannotClean extends IOException {
    private static final long serialVersionUID = 1L;

    CannotClean(String reason) {
        super(reason);
    }

    String reason() {
        return getMessage();
    }
}
