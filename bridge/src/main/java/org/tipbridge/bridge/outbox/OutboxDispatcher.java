// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.conf.OutboundConfig;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/**
 * The outbox job: sends every due reply and acknowledgement, oldest first. An entry is marked
 * {@code sending} (durably) before the SMTP transaction starts and {@code sent} after the server
 * accepted it; a crash in between sends it once more after the restart, with the same Message-ID,
 * so there is at most one duplicate per crash and the source's mail program can recognise it.
 * Temporary failures are retried with exponential backoff until the give-up time; permanent ones
 * (5xx) are not retried.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 20;
    private final Outbox outbox;
    private final DeliveryPlanner planner;
    private final MailComposer composer;
    private final MailTransport transport;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final String envelopeFrom;
    private final Clock clock;

    OutboxDispatcher(
            Outbox outbox,
            DeliveryPlanner planner,
            MailComposer composer,
            MailTransport transport,
            Backoff backoff,
            Duration giveUpAfter,
            String envelopeFrom,
            Clock clock) {
        this.outbox = outbox;
        this.planner = planner;
        this.composer = composer;
        this.transport = transport;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.envelopeFrom = envelopeFrom;
        this.clock = clock;
    }

    /**
     * The dispatcher the daemon runs: replies leave through {@code transport} from the tip address
     * of {@code config}, with the retry schedule and no-key policy of {@code [outbound]}.
     */
    public static OutboxDispatcher create(
            Outbox outbox,
            Handles handles,
            MappingSecrets secrets,
            OpenPgp pgp,
            SecretKey bridgeKey,
            TipbridgeConfig config,
            MailTransport transport,
            Clock clock) {
        String tipAddress = config.mailbox().address();
        OutboundConfig outbound = config.outbound();
        DeliveryPlanner planner =
                new DeliveryPlanner(handles, secrets, pgp, bridgeKey, outbound, config.acknowledgement(), tipAddress);
        return new OutboxDispatcher(
                outbox,
                planner,
                new MailComposer(pgp, bridgeKey, new SecureRandom()),
                transport,
                new Backoff(outbound.retryMin(), outbound.retryMax()),
                outbound.giveUpAfter(),
                tipAddress,
                clock);
    }

    /** Queues again whatever was being sent when the daemon last stopped; call once before the first run. */
    public void recover() {
        int recovered = outbox.recoverInterrupted(clock.instant());
        if (recovered > 0) {
            LOG.warn("{} outgoing message(s) were interrupted while sending and will be sent again", recovered);
        }
    }

    /** Sends everything due now; returns how many entries were dealt with. */
    public synchronized int runOnce() {
        int handled = 0;
        List<OutboxItem> due;
        do {
            due = outbox.due(clock.instant(), BATCH);
            for (OutboxItem item : due) {
                dispatch(item);
                handled++;
            }
        } while (due.size() == BATCH && !Thread.currentThread().isInterrupted());
        return handled;
    }

    private void dispatch(OutboxItem item) {
        OutboxEntry entry = item.entry();
        Instant now = clock.instant();
        Plan plan = planner.plan(item, now);
        if (plan instanceof Plan.Hold hold) {
            outbox.markNeedsDecision(entry.id(), hold.reason(), now);
            LOG.info("an outgoing message waits for an analyst's decision ({})", hold.reason());
        } else if (plan instanceof Plan.Fail fail) {
            outbox.markFailed(entry.id(), fail.reason(), now);
            LOG.warn("an outgoing message failed ({})", fail.reason());
        } else if (plan instanceof Plan.Send send && outbox.markSending(entry.id(), now)) {
            record(entry, send(send));
        }
    }

    private SendResult send(Plan.Send send) {
        byte[] message;
        try {
            message = send.encryptTo().isPresent()
                    ? composer.encrypted(send.mail(), send.encryptTo().get())
                    : composer.plaintext(send.mail());
        } catch (PgpException e) {
            return new SendResult.Permanent("encryption-failed");
        } catch (IllegalArgumentException e) {
            return new SendResult.Permanent("bad-recipient");
        }
        return transport.send(envelopeFrom, send.recipient(), message);
    }

    private void record(OutboxEntry entry, SendResult result) {
        Instant now = clock.instant();
        if (result instanceof SendResult.Sent) {
            outbox.markSent(entry.id(), now);
            LOG.debug("outgoing message {} sent", entry.id());
        } else if (result instanceof SendResult.Permanent permanent) {
            outbox.markFailed(entry.id(), permanent.reason(), now);
            LOG.warn("an outgoing message was refused for good ({})", permanent.reason());
        } else if (result instanceof SendResult.Temporary temporary) {
            retryOrGiveUp(entry, temporary.reason(), now);
        }
    }

    private void retryOrGiveUp(OutboxEntry entry, String reason, Instant now) {
        if (!now.isBefore(entry.created().plus(giveUpAfter))) {
            outbox.markFailed(entry.id(), reason, now);
            LOG.warn("gave up on an outgoing message after repeated failures ({})", reason);
            return;
        }
        Duration wait = backoff.after(entry.attempts() + 1);
        outbox.markRetry(entry.id(), now.plus(wait), reason, now);
        LOG.info("an outgoing message will be retried in {} s ({})", wait.toSeconds(), reason);
    }
}
