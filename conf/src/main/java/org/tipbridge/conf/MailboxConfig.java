// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The IMAP mailbox the daemon reads ({@code [mailbox]}). With {@code host} empty the daemon runs
 * the embedded mailbox on 127.0.0.1 ({@code imap_port}, {@code smtp_port}) accepting mail for
 * {@code address}.
 */
public record MailboxConfig(
        String host,
        int imapPort,
        int smtpPort,
        Tls tls,
        String user,
        Path passwordFile,
        String folder,
        String quarantineFolder,
        String address,
        boolean idle,
        Duration pollInterval,
        Duration reconnectMaxBackoff) {

    public enum Tls {
        NONE,
        STARTTLS,
        IMPLICIT
    }

    public boolean embedded() {
        return host.isEmpty();
    }
}
