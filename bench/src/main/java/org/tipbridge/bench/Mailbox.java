// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** An IMAP mailbox outside the daemon's process that the benchmarks deliver into and watch. */
interface Mailbox extends AutoCloseable {
    int imapPort();

    /** Delivers one raw RFC 822 message; returns once the mailbox holds it. */
    void deliver(byte[] raw) throws IOException;

    /** Delivers a message stored in a file (large messages). */
    void deliver(Path file) throws IOException;

    /** Messages currently held (delivered and not yet expunged). */
    int count() throws IOException;

    /** The process to charge CPU time to, when there is a single one. */
    OptionalLong pid();

    @Override
    void close() throws IOException;
}
