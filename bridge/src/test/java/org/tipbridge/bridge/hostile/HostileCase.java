// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.IOException;
import java.io.InputStream;

/**
 * One generated hostile input and what tipbridge must make of it. {@code open()} streams the bytes
 * (a raw RFC 822 message for {@link Kind#MAIL}, one JSON-RPC line without its newline for
 * {@link Kind#SIGNAL}), so a case may be far larger than the heap; every call yields the same bytes.
 * {@code name} is stable, lower-case, unique, and says what the case is (e.g.
 * {@code mime-parts-flood-10000}); it is used as a test display name and a corpus file name.
 */
public interface HostileCase {
    enum Kind {
        MAIL,
        SIGNAL
    }

    String name();

    Kind kind();

    InputStream open() throws IOException;

    Expected expected();
}
