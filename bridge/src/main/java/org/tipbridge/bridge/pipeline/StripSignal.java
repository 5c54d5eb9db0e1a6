// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tipbridge.bridge.handle.Handle;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.intake.mail.CleanText;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.pgp.SignatureStatus;
import org.tipbridge.signal.SignalEnvelope;

/**
 * Strip stage for Signal: the only place that reads an envelope's sender. The ACI becomes a handle
 * (and, sealed, the reply address with the disappearing-message timer); the phone number, profile
 * name and device id are never read, and the exact Signal timestamp only enters the dedupe HMAC. Returns a {@link Tip}, which has no field
 * that can hold an identifier.
 */
public final class StripSignal {
    private static final Pattern ACI = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final Handles handles;
    private final MappingSecrets secrets;

    public StripSignal(Handles handles, MappingSecrets secrets) {
        this.handles = handles;
        this.secrets = secrets;
    }

    /** A tip from a 1:1 data message whose attachments were already sealed. */
    public Tip strip(SignalEnvelope envelope, List<SealedAttachment> attachments, List<String> notes, Instant received)
            throws IntakeException.Rejected {
        SignalEnvelope.DataMessage data = envelope.dataMessage()
                .filter(d -> envelope.isDirectDataMessage())
                .orElseThrow(() -> new IntakeException.Rejected(QuarantineReason.PROCESSING_FAILED));
        String aci = aci(envelope).orElseThrow(() -> new IntakeException.Rejected(QuarantineReason.NO_SENDER));
        Optional<Integer> timer =
                data.expiresInSeconds().isPresent() && data.expiresInSeconds().getAsInt() > 0
                        ? Optional.of(data.expiresInSeconds().getAsInt())
                        : Optional.empty();
        ReplyAddress reply = new ReplyAddress(Channel.SIGNAL, aci, Optional.empty(), timer);
        Handle handle = handles.assign(Channel.SIGNAL, aci, reply, received);
        String body = CleanText.body(data.message().orElse(""));
        String upstreamId = aci + ":" + envelope.timestamp().orElse(0);
        byte[] dedupe = secrets.dedupeKey(Channel.SIGNAL, upstreamId, sha256(body));
        return new Tip(
                handle.value(),
                Channel.SIGNAL,
                received,
                "",
                body,
                true,
                SignatureStatus.NONE,
                attachments,
                Optional.empty(),
                warnings(data, notes),
                dedupe);
    }

    /** The ACI in canonical (lower-case) form, if it is one. */
    public static Optional<String> aci(SignalEnvelope envelope) {
        return envelope.sourceUuid()
                .map(u -> u.strip().toLowerCase(Locale.ROOT))
                .filter(u -> ACI.matcher(u).matches());
    }

    /** Plain words about what the message had that the record does not keep. */
    private static List<String> warnings(SignalEnvelope.DataMessage data, List<String> notes) {
        List<String> out = new ArrayList<>(notes);
        for (SignalEnvelope.Part part : new java.util.TreeSet<>(data.ignoredParts())) {
            out.add(
                    switch (part) {
                        case QUOTE -> "the message quoted an earlier one; the quote was not kept";
                        case MENTIONS -> "the message mentioned people; the mentions were not kept";
                        case PREVIEWS -> "the message had link previews; they were not kept";
                        case STICKER -> "the message had a sticker; it was not kept";
                        case REACTION -> "the message was a reaction; it was not kept";
                        case CONTACTS -> "the message shared contacts; they were not kept";
                        case REMOTE_DELETE -> "the source asked to delete an earlier message";
                    });
        }
        if (data.viewOnce()) {
            out.add("the source sent this as view-once");
        }
        return out;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
