// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Path;

/** Starts the external mailbox named by {@code --mailbox}: {@code greenmail} or {@code dovecot}. */
final class Mailboxes {
    private Mailboxes() {}

    static Mailbox start(String kind, BenchHome home, Path work, String greenMailHeap)
            throws IOException, InterruptedException {
        switch (kind) {
            case "greenmail":
                return GreenMailProcess.start(home.mailboxPassword(), greenMailHeap, work.resolve("mailbox.log"));
            case "dovecot":
                return DovecotMailbox.start(work.resolve("dovecot"), home.mailboxPassword());
            default:
                throw new IllegalArgumentException("--mailbox is greenmail or dovecot, not " + kind);
        }
    }
}
