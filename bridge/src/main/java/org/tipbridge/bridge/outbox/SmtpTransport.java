// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.conf.OutboundConfig;

/**
 * Sends finished messages over SMTP (Jakarta Mail), one connection per mail, the bytes unchanged:
 * no header is added, the greeting announces the configured name, TLS and the SOCKS proxy are as
 * configured. Failures become {@link SendResult}s with fixed reason codes; only the code is logged.
 */
public final class SmtpTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
    private static final String NULL_REVERSE_PATH = "<>";

    private final OutboundConfig config;
    private final String host;
    private final int port;
    private final char[] password;
    private final Session session;

    /**
     * {@code host}/{@code port} are where to connect (the configured relay or the embedded
     * mailbox); {@code heloName} is what EHLO announces. The password is copied.
     */
    public SmtpTransport(OutboundConfig config, String host, int port, Optional<char[]> password, String heloName) {
        this.config = Objects.requireNonNull(config, "config");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.password = password.map(char[]::clone).orElse(new char[0]);
        checkHeloName(heloName);
        this.session = Session.getInstance(SmtpSettings.properties(config, host, port, heloName));
    }

    /**
     * {@inheritDoc} An empty {@code envelopeFrom} or {@code <>} sends with the null reverse path.
     *
     * @throws IllegalArgumentException if {@code envelopeFrom} is not a plain address (a caller's bug)
     */
    @Override
    public SendResult send(String envelopeFrom, String recipient, byte[] message) {
        String reversePath = reversePath(envelopeFrom);
        Optional<InternetAddress> to = recipientAddress(recipient);
        if (to.isEmpty()) {
            return logged(new SendResult.Permanent("bad-recipient"));
        }
        SMTPMessage parsed;
        try {
            parsed = new SMTPMessage(session, new ByteArrayInputStream(message));
            parsed.setEnvelopeFrom(reversePath);
        } catch (MessagingException e) {
            return logged(new SendResult.Permanent("bad-message"));
        }
        return logged(deliver(parsed, to.get()));
    }

    private SendResult deliver(SMTPMessage message, InternetAddress to) {
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport(SmtpSettings.PROTOCOL);
        } catch (MessagingException e) {
            return new SendResult.Temporary(SmtpFailures.ERROR);
        }
        try {
            try {
                transport.connect(host, port, config.user().orElse(null), secret());
            } catch (MessagingException e) {
                return SmtpFailures.ofConnect(e, transport.getLastReturnCode());
            }
            try {
                // sendMessage, not Transport.send: no saveChanges, so no Message-ID or other header is added.
                transport.sendMessage(message, new Address[] {to});
                return new SendResult.Sent();
            } catch (MessagingException e) {
                return SmtpFailures.ofSend(e, transport.getLastReturnCode());
            }
        } finally {
            closeQuietly(transport);
        }
    }

    private String secret() {
        return config.user().isPresent() ? new String(password) : null;
    }

    private static String reversePath(String envelopeFrom) {
        if (envelopeFrom.isEmpty() || envelopeFrom.equals(NULL_REVERSE_PATH)) {
            return NULL_REVERSE_PATH;
        }
        MimeHeaders.checkAddress("envelope sender", envelopeFrom);
        return envelopeFrom;
    }

    private static Optional<InternetAddress> recipientAddress(String recipient) {
        try {
            MimeHeaders.checkAddress("recipient", recipient);
            return Optional.of(new InternetAddress(recipient, true));
        } catch (IllegalArgumentException | AddressException e) {
            return Optional.empty();
        }
    }

    private static void checkHeloName(String heloName) {
        if (heloName.isEmpty() || !heloName.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("the greeting name must be printable ASCII without spaces");
        }
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // The mail's fate is already known; a failed QUIT changes nothing.
        }
    }

    private static SendResult logged(SendResult result) {
        if (result instanceof SendResult.Temporary t) {
            LOG.warn("mail not sent, will retry: {}", t.reason());
        } else if (result instanceof SendResult.Permanent p) {
            LOG.warn("mail refused for good: {}", p.reason());
        }
        return result;
    }

    @Override
    public String toString() {
        return "SmtpTransport[tls=" + config.tls() + ", auth=" + config.user().isPresent() + ", socks="
                + config.socksProxy().isPresent() + "]";
    }
}
