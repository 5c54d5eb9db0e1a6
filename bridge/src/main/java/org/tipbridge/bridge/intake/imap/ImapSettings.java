// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import java.time.Duration;
import java.util.Properties;
import org.tipbridge.conf.MailboxConfig;

/** Jakarta Mail session properties for the configured IMAP mailbox, with certificate checks on. */
public final class ImapSettings {
    private ImapSettings() {}

    public static Properties properties(MailboxConfig mailbox, String host) {
        boolean implicit = mailbox.tls() == MailboxConfig.Tls.IMPLICIT;
        String protocol = implicit ? "imaps" : "imap";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", protocol);
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(mailbox.imapPort()));
        long readTimeout = Math.max(120_000L, 3 * pollInterval(mailbox).toMillis());
        props.setProperty(p + "connectiontimeout", "20000");
        props.setProperty(p + "timeout", Long.toString(readTimeout));
        props.setProperty(p + "writetimeout", "60000");
        props.setProperty(p + "partialfetch", "true");
        props.setProperty(p + "fetchsize", Integer.toString(256 * 1024));
        props.setProperty(p + "peek", "true");
        if (implicit) {
            props.setProperty(p + "ssl.enable", "true");
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        if (mailbox.tls() == MailboxConfig.Tls.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /**
     * How often the poll job looks at the mailbox (and ends a running IDLE): the configured interval,
     * but at most 25 minutes, since servers may drop an IDLE that lasts 30 minutes (RFC 2177).
     */
    public static Duration pollInterval(MailboxConfig mailbox) {
        Duration max = Duration.ofMinutes(25);
        return mailbox.pollInterval().compareTo(max) > 0 ? max : mailbox.pollInterval();
    }

    /** Backoff after the n-th consecutive connection failure: 1 s doubling up to {@code max}. */
    public static Duration backoff(int failures, Duration max) {
        long seconds = 1L << Math.min(failures, 20);
        return Duration.ofSeconds(Math.min(seconds, Math.max(1, max.getSeconds())));
    }
}
