// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An external mailbox for a daemon under test: GreenMail (SMTP and IMAP on loopback) in the test's
 * JVM, so that what it holds survives the daemon and weighs on the test's heap, not the daemon's.
 * The account is the tip address with the password of the home's {@code secrets/mailbox-password}.
 */
final class ExternalMailbox {
    static final String ACCOUNT = "tips@localhost";

    private ExternalMailbox() {}

    /** Started and holding the tip account of {@code home} (made by {@code init}). */
    static GreenMail start(Path home, int smtpPort, int imapPort) throws IOException {
        String password =
                Files.readString(home.resolve("secrets/mailbox-password")).trim();
        GreenMail mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser(ACCOUNT, ACCOUNT, password);
        return mailbox;
    }
}
