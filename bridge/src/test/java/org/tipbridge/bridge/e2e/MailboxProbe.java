// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Looks into a home's mailbox (embedded or external) over IMAP, as the tip account, read-only. */
final class MailboxProbe {
    private MailboxProbe() {}

    /** Messages still in INBOX: not yet taken (or waiting for a retry). */
    static int inbox(Path home, int imapPort) throws IOException, MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        String password =
                Files.readString(home.resolve("secrets/mailbox-password")).trim();
        store.connect("127.0.0.1", imapPort, "tips@localhost", password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }
}
