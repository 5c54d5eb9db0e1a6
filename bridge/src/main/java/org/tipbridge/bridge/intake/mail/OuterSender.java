// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

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
}
