// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.tipbridge.conf.MailboxConfig;

/**
 * The one-machine mailbox: SMTP and IMAP on 127.0.0.1 only, one account for the tip address.
 * Mail it has accepted lives in memory until the daemon ingests it; production uses Postfix and
 * Dovecot (see docs/operator.md).
 */
public final class EmbeddedMailbox implements AutoCloseable {
    public static final String LOOPBACK = "127.0.0.1";
    private final GreenMail mail;

    private EmbeddedMailbox(GreenMail mail) {
        this.mail = mail;
    }

    public static EmbeddedMailbox start(MailboxConfig config, char[] password) {
        ServerSetup smtp = new ServerSetup(config.smtpPort(), LOOPBACK, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(config.imapPort(), LOOPBACK, ServerSetup.PROTOCOL_IMAP);
        GreenMail mail = new GreenMail(new ServerSetup[] {smtp, imap});
        mail.start();
        mail.setUser(config.address(), config.user(), new String(password));
        return new EmbeddedMailbox(mail);
    }

    @Override
    public void close() {
        mail.stop();
    }
}
