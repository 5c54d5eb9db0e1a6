// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.handle.EmailAddresses;
import org.tipbridge.bridge.handle.HandleException;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.conf.AcknowledgementConfig;
import org.tipbridge.conf.OutboundConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/**
 * Decides, in memory, what to do with one due entry: opens the sealed reply address and the
 * sealed reply text, picks the source's key, and applies the no-key policy. Nothing it opens is
 * kept, logged or put into a reason.
 */
final class DeliveryPlanner {
    private static final long MAX_REPLY_BYTES = ReplyDocument.MAX_SEALED_PLAINTEXT_BYTES;
    /** How far an unverified decision's time may be ahead of the daemon's clock (the CLI's may differ). */
    static final Duration MAX_DECISION_AHEAD = Duration.ofMinutes(5);

    private final Handles handles;
    private final MappingSecrets secrets;
    private final OpenPgp pgp;
    private final SecretKey bridgeKey;
    private final OutboundConfig outbound;
    private final AcknowledgementConfig ack;
    private final String tipAddress;

    DeliveryPlanner(
            Handles handles,
            MappingSecrets secrets,
            OpenPgp pgp,
            SecretKey bridgeKey,
            OutboundConfig outbound,
            AcknowledgementConfig ack,
            String tipAddress) {
        this.handles = handles;
        this.secrets = secrets;
        this.pgp = pgp;
        this.bridgeKey = bridgeKey;
        this.outbound = outbound;
        this.ack = ack;
        this.tipAddress = tipAddress;
    }

    Plan plan(OutboxItem item, Instant now) {
        OutboxEntry entry = item.entry();
        Optional<ReplyAddress> address;
        try {
            address = handles.replyAddress(entry.handle());
        } catch (HandleException.SealedAddressRejected e) {
            return new Plan.Fail("reply-address-unreadable");
        }
        if (address.isEmpty()) {
            return new Plan.Fail("conversation-expired");
        }
        if (entry.channel() == Channel.SIGNAL) {
            return signal(item, address.get(), now);
        }
        if (sameMailbox(address.get().address(), tipAddress)) {
            // Mail "from" the tip address is a loop or a forgery; answering it would feed the loop.
            return new Plan.Fail("own-address");
        }
        Optional<String> text = text(item);
        if (text.isEmpty()) {
            return new Plan.Fail("reply-unreadable");
        }
        Optional<Certificate> key = usableKey(address.get());
        boolean plaintextAllowed =
                entry.allowPlaintext() || outbound.noKeyPolicy() == OutboundConfig.NoKeyPolicy.PLAINTEXT;
        if (key.isEmpty() && !plaintextAllowed) {
            return new Plan.Hold(address.get().sourceKey().isPresent() ? "source-key-unusable" : "no-source-key");
        }
        OutgoingMail mail = new OutgoingMail(
                tipAddress,
                address.get().address(),
                subject(entry),
                text.get(),
                now.truncatedTo(ChronoUnit.MINUTES),
                secrets.messageToken(entry.id()) + "@" + EmailAddresses.domain(tipAddress),
                entry.kind() == OutboxKind.ACKNOWLEDGEMENT);
        return new Plan.Send(mail, key);
    }

    /**
     * A Signal reply: end-to-end encrypted by Signal itself, so no key policy applies. An analyst's
     * trust decision comes along only when the entry carries one that opens and names its handle.
     */
    private Plan signal(OutboxItem item, ReplyAddress address, Instant now) {
        Optional<String> text = text(item);
        if (text.isEmpty()) {
            return new Plan.Fail("reply-unreadable");
        }
        String body = item.entry().kind() == OutboxKind.ACKNOWLEDGEMENT
                ? text.get()
                : "Re: your report [" + item.entry().handle() + "]\n\n" + text.get();
        if (item.sealedTrust().isEmpty()) {
            return new Plan.SendSignal(address.address(), body, address.expireSeconds(), Optional.empty());
        }
        TrustDecision decision;
        try {
            decision = trust(item.sealedTrust().get(), item.entry().handle());
        } catch (TrustRequest.UnsupportedVersion e) {
            // Sealed by an earlier build: ask the analyst again rather than fail the reply.
            return new Plan.Hold(TrustHolds.SAFETY_NUMBER_CHANGED);
        } catch (PgpException | IOException e) {
            return new Plan.Fail("trust-request-unreadable");
        }
        if (!usableNow(decision, now)) {
            return new Plan.Hold(TrustHolds.DECISION_TIME_AHEAD);
        }
        return new Plan.SendSignal(address.address(), body, address.expireSeconds(), Optional.of(decision));
    }

    /** Opens a sealed trust request; an {@link IOException} if it does not open or names another handle. */
    private TrustDecision trust(byte[] sealedTrust, String handle) throws PgpException, IOException {
        try (InputStream sealed = new ByteArrayInputStream(sealedTrust)) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(bridgeKey, TrustRequest.MAX_OPENED_BYTES));
            TrustRequest request = TrustRequest.decode(plain);
            plain.close();
            if (!request.handle().equals(handle)) {
                throw new IOException("trust request for another handle");
            }
            return request.decision();
        }
    }

    /**
     * False for an unverified decision dated more than {@link #MAX_DECISION_AHEAD} after {@code
     * now}: the CLI's clock is ahead of the daemon's, so the key-age check would trust keys that
     * arrived after the analyst decided.
     */
    static boolean usableNow(TrustDecision decision, Instant now) {
        return !(decision instanceof TrustDecision.AllKnownKeys all
                && all.decidedAt().isAfter(now.plus(MAX_DECISION_AHEAD)));
    }

    /** Subjects name the handle, so the source can tell conversations apart; no analyst name. */
    static String subject(OutboxEntry entry) {
        return entry.kind() == OutboxKind.ACKNOWLEDGEMENT
                ? "Your report arrived [" + entry.handle() + "]"
                : "Re: your report [" + entry.handle() + "]";
    }

    private Optional<String> text(OutboxItem item) {
        if (item.entry().kind() == OutboxKind.ACKNOWLEDGEMENT) {
            return Optional.of(ack.textFor(item.entry().handle()));
        }
        if (item.sealedText().isEmpty()) {
            return Optional.empty();
        }
        try (InputStream sealed = new ByteArrayInputStream(item.sealedText().get())) {
            DecryptingStream plain = pgp.decrypt(sealed, DecryptOptions.with(bridgeKey, MAX_REPLY_BYTES));
            ReplyDocument doc = new ReplyCodec().decode(plain);
            plain.close();
            // A sealed text moved to another row must not reach another source.
            return doc.handle().equals(item.entry().handle()) ? Optional.of(doc.text()) : Optional.empty();
        } catch (PgpException | IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Certificate> usableKey(ReplyAddress address) {
        if (address.sourceKey().isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Certificate> certs = pgp.readCertificates(
                    new ByteArrayInputStream(address.sourceKey().get()));
            return certs.stream().filter(Certificate::canEncrypt).findFirst();
        } catch (PgpException e) {
            return Optional.empty();
        }
    }

    /** Same mailbox, ignoring case and a {@code +detail} suffix of the local part. */
    static boolean sameMailbox(String a, String b) {
        return mailbox(a).equals(mailbox(b));
    }

    private static String mailbox(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        int plus = local.indexOf('+');
        String base = plus < 0 ? local : local.substring(0, plus);
        return (base + address.substring(Math.max(at, 0))).toLowerCase(java.util.Locale.ROOT);
    }
}
