// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.time.Instant;
import java.util.Optional;
import org.tipbridge.bridge.handle.EmailAddresses;
import org.tipbridge.bridge.handle.Handle;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.intake.mail.MailEnvelope;
import org.tipbridge.bridge.intake.mail.ParsedMail;
import org.tipbridge.bridge.store.Channel;

/**
 * Strip stage: the only place that reads a mail's sender. It turns the sender into a handle (and a
 * sealed reply address) and returns a {@link Tip}, which has no field that can hold an identifier.
 */
public final class StripMail {
    private final Handles handles;
    private final MappingSecrets secrets;

    public StripMail(Handles handles, MappingSecrets secrets) {
        this.handles = handles;
        this.secrets = secrets;
    }

    public Tip strip(ParsedMail mail, Instant received) throws IntakeException.Rejected {
        MailEnvelope envelope = mail.envelope();
        if (envelope.automated()) {
            // Bounces and auto-replies are not tips, and a bounce quotes the source's address.
            throw new IntakeException.Rejected(QuarantineReason.AUTOMATED);
        }
        String sender = envelope.from()
                .flatMap(EmailAddresses::normalise)
                .orElseThrow(() -> new IntakeException.Rejected(QuarantineReason.NO_SENDER));
        ReplyAddress reply = new ReplyAddress(Channel.EMAIL, sender, sourceKey(mail), Optional.empty());
        Handle handle = handles.assign(Channel.EMAIL, sender, reply, received);
        byte[] dedupe = secrets.dedupeKey(Channel.EMAIL, envelope.messageId().orElse(""), mail.contentHash());
        return new Tip(
                handle.value(),
                Channel.EMAIL,
                received,
                mail.subject(),
                mail.body(),
                mail.encrypted(),
                mail.signature(),
                mail.attachments(),
                mail.language(),
                mail.warnings(),
                dedupe);
    }

    /** A key the sender attached wins over an Autocrypt header; either lets replies be encrypted. */
    private static Optional<byte[]> sourceKey(ParsedMail mail) {
        if (!mail.senderKeys().isEmpty()) {
            return Optional.of(mail.senderKeys().get(0));
        }
        return mail.envelope().autocryptKey();
    }
}
