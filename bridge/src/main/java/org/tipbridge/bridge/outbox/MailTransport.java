// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

/** Hands a finished message to a mail server. Never throws for a delivery problem: it returns it. */
public interface MailTransport {

    /**
     * Sends {@code message} (complete RFC 5322 bytes, CRLF line ends) from {@code envelopeFrom} to
     * {@code recipient} in one SMTP transaction.
     */
    SendResult send(String envelopeFrom, String recipient, byte[] message);

    /** For a daemon with no way out for e-mail: every send waits, visibly. */
    MailTransport NONE = (from, to, message) -> new SendResult.Temporary("outbound-not-configured");
}
