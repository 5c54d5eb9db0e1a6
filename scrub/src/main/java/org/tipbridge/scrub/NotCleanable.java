// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/** A file this module will not clean; the message is plain words without content, e.g. "truncated box". */
final class NotCleanable extends Exception {
    private static final long serialVersionUID = 1L;

    NotCleanable(String why) {
        super(why, null, false, false);
    }
}
