// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.tipbridge.bridge.handle.EmailAddresses;
import org.tipbridge.bridge.outbox.MailTransport;
import org.tipbridge.bridge.outbox.SmtpTransport;
import org.tipbridge.conf.MailboxConfig;
import org.tipbridge.conf.OutboundConfig;
import org.tipbridge.conf.TipbridgeConfig;

/**
 * Chooses where replies leave: the configured SMTP server; with none configured and the embedded
 * mailbox running, the embedded mailbox's SMTP port (a trial setup: replies land in it); otherwise
 * nowhere, and replies wait in the outbox. The greeting name is never the machine's host name.
 */
final class OutboundTransport {
    private OutboundTransport() {}

    static Optional<MailTransport> choose(TipbridgeConfig config) throws IOException {
        OutboundConfig outbound = config.outbound();
        String helo = outbound.heloName()
                .orElse(EmailAddresses.domain(config.mailbox().address()));
        if (outbound.configured()) {
            Optional<char[]> password = outbound.user().isPresent()
                    ? Optional.of(SecureFiles.readSecret(outbound.passwordFile()))
                    : Optional.empty();
            try {
                return Optional.of(
                        new SmtpTransport(outbound, outbound.smtpHost(), outbound.smtpPort(), password, helo));
            } finally {
                password.ifPresent(p -> Arrays.fill(p, '\0'));
            }
        }
        if (config.mailbox().embedded()) {
            OutboundConfig local = new OutboundConfig(
                    EmbeddedMailbox.LOOPBACK,
                    config.mailbox().smtpPort(),
                    MailboxConfig.Tls.NONE,
                    Optional.empty(),
                    outbound.passwordFile(),
                    Optional.empty(),
                    Optional.of(helo),
                    outbound.noKeyPolicy(),
                    outbound.pollInterval(),
                    outbound.retryMin(),
                    outbound.retryMax(),
                    outbound.giveUpAfter(),
                    outbound.timeout());
            return Optional.of(new SmtpTransport(
                    local, EmbeddedMailbox.LOOPBACK, config.mailbox().smtpPort(), Optional.empty(), helo));
        }
        return Optional.empty();
    }
}
