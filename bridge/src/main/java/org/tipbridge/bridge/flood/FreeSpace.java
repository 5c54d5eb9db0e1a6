// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.io.IOException;

/** Tells how many bytes can still be written where tipbridge writes. */
@FunctionalInterface
public interface FreeSpace {
    /** The smallest usable space, in bytes, of the places watched. */
    long usableBytes() throws IOException;
}
