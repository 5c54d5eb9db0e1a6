// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One mail to a source, before it is encoded. {@code subject} is the real subject (it goes inside
 * the encrypted part when the mail is encrypted); {@code date} is already coarse (whole minutes);
 * {@code messageId} is the bare id without angle brackets ({@code token@domain}), the same on every
 * attempt; {@code automatic} marks an acknowledgement ({@code Auto-Submitted: auto-replied}).
 * {@link #toString()} shows neither address nor text.
 */
public record OutgoingMail(
        String from, String to, String subject, String text, Instant date, String messageId, boolean automatic) {

    public OutgoingMail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String toString() {
        return "OutgoingMail[redacted, automatic=" + automatic + "]";
    }
}
