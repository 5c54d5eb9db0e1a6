// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/** A file whose structure cannot be followed; the message is plain words without content, e.g. "truncated JPEG". */
final class MalformedFile extends Exception {
    MalformedFile(String why) {
        super(why, null, false, false);
    }
}
