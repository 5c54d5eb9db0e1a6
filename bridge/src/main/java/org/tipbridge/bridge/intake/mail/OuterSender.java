// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.tipbridge.bridge.handle.EmailAddresses;

/**
 * The sender of a message as its outer {@code From} header names it, normalised the way handles
 * are: what the rate limits key on before the message itself is fetched.
 */
public final class OuterSender {
    private OuterSender() {}

    /** The normalised address of a raw {@code From} header value; empty when it has none usable. */
    public static Optional<String> of(String fromHeader) {
        return EnvelopeReader.addrSpec(fromHeader).flatMap(EmailAddresses::normalise);
    }

    /**
     * The normalised address of the first {@code From} field in {@code fields} (raw header lines,
     * as an IMAP {@code HEADER.FIELDS (FROM)} fetch returns them); empty when there is none usable.
     */
    public static Optional<String> ofHeaderField(byte[] fields) {
        try {
            String[] from = new InternetHeaders(new ByteArrayInputStream(fields)).getHeader("From");
            return from == null || from.length == 0 ? Optional.empty() : of(from[0]);
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
