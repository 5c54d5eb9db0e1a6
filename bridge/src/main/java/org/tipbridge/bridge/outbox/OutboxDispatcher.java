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
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.SendClaim;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.conf.OutboundConfig;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/**
 * The outbox job: sends every due reply and acknowledgement, oldest first. An entry is marked
 * {@code sending} (durably) before the SMTP transaction starts and {@code sent} after the server
 * accepted it. Whenever that second mark is missing (a crash, a stop during a slow send, a store
 * failure, or a lost answer after the message was transmitted) the entry is sent again later with
 * the same Message-ID, so a duplicate is possible and recognisable, and nothing is lost.
 * Temporary failures are retried with exponential backoff until the give-up time; permanent ones
 * (5xx) are not retried. An entry that fails in an unexpected way is put back with a pause and
 * does not hold up the others. Shown times come from {@code shown} (coarse like receive times).
 *
 * <p>Each claim ({@code queued -> sending}) records this dispatcher's {@code instanceId} and the
 * exact time. A run first queues again only what nobody can still be sending: this dispatcher's own
 * leftovers and claims older than {@code staleAge} ({@link StaleClaims}); so a node wrongly
 * declared dead, still in the middle of a send, is not doubled by the node that runs the next
 * outbox job. {@link #recoverAll} is for the sole dispatcher of a store, at start.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 20;
    /** Temporary failures about the server, not the message: the rest of the run would fail alike. */
    private static final java.util.Set<String> SERVER_DOWN = java.util.Set.of(
            "smtp-unreachable",
            "smtp-auth-failed",
            "outbound-not-configured",
            "signal-cli-unreachable",
            "signal-not-configured");

    private final Outbox outbox;
    private final DeliveryPlanner planner;
    private final MailComposer composer;
    private final MailTransport transport;
    private final SignalSender signal;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final String envelopeFrom;
    private final Clock clock;
    private final CoarseClock shown;
    private final String instanceId;
    private final Duration staleAge;
    private volatile boolean stopping;
    /** Whether signal-cli was asked to trust for the entry in hand (runs are serialised by the lock). */
    private boolean trustCalled;

    OutboxDispatcher(
            Outbox outbox,
            DeliveryPlanner planner,
            MailComposer composer,
            MailTransport transport,
            SignalSender signal,
            Backoff backoff,
            Duration giveUpAfter,
            String envelopeFrom,
            Clock clock,
            CoarseClock shown,
            String instanceId,
            Duration staleAge) {
        this.outbox = outbox;
        this.planner = planner;
        this.composer = composer;
        this.transport = transport;
        this.signal = signal;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.envelopeFrom = envelopeFrom;
        this.clock = clock;
        this.shown = shown;
        this.instanceId = instanceId;
        this.staleAge = staleAge;
    }

    /** {@link #create(Outbox, Handles, MappingSecrets, OpenPgp, SecretKey, TipbridgeConfig, MailTransport, SignalSender, Clock, String)} with a fresh instance id. */
    public static OutboxDispatcher create(
            Outbox outbox,
            Handles handles,
            MappingSecrets secrets,
            OpenPgp pgp,
            SecretKey bridgeKey,
            TipbridgeConfig config,
            MailTransport transport,
            SignalSender signal,
            Clock clock) {
        return create(
                outbox,
                handles,
                secrets,
                pgp,
                bridgeKey,
                config,
                transport,
                signal,
                clock,
                StaleClaims.newInstanceId());
    }

    /**
     * The dispatcher the daemon runs: replies leave through {@code transport} from the tip address
     * of {@code config}, with the retry schedule and no-key policy of {@code [outbound]}; its claims
     * carry {@code instanceId}, which no other dispatcher on the store may use, and others' claims
     * are stale after {@link StaleClaims#staleAge}.
     */
    public static OutboxDispatcher create(
            Outbox outbox,
            Handles handles,
            MappingSecrets secrets,
            OpenPgp pgp,
            SecretKey bridgeKey,
            TipbridgeConfig config,
            MailTransport transport,
            SignalSender signal,
            Clock clock,
            String instanceId) {
        String tipAddress = config.mailbox().address();
        OutboundConfig outbound = config.outbound();
        DeliveryPlanner planner =
                new DeliveryPlanner(handles, secrets, pgp, bridgeKey, outbound, config.acknowledgement(), tipAddress);
        return new OutboxDispatcher(
                outbox,
                planner,
                new MailComposer(pgp, bridgeKey, new SecureRandom()),
                transport,
                signal,
                new Backoff(outbound.retryMin(), outbound.retryMax()),
                outbound.giveUpAfter(),
                tipAddress,
                clock,
                new CoarseClock(clock, config.intake().timeGranularity()),
                instanceId,
                StaleClaims.staleAge(outbound, config.cluster()));
    }

    /**
     * Queues again everything left sending, whoever claimed it; only for the sole dispatcher of the
     * store (SQLite, one daemon per home under its instance lock), once before its first run, so
     * that a daemon restarted after a crash sends its interrupted entries at once.
     */
    public synchronized void recoverAll() {
        report(outbox.recoverInterrupted(shown.now()));
    }

    /** Queues again this dispatcher's own leftovers and other dispatchers' stale claims. */
    private void recoverAbandoned() {
        report(outbox.recoverAbandoned(instanceId, clock.instant().minus(staleAge), shown.now()));
    }

    private static void report(int recovered) {
        if (recovered > 0) {
            LOG.warn("{} outgoing message(s) were interrupted while sending and will be sent again", recovered);
        }
    }

    /** Asks a run in progress to stop after the entry in hand; later runs do nothing. */
    public void stop() {
        stopping = true;
    }

    /**
     * Sends everything due now; returns how many entries were dealt with. Starts by queueing again
     * what an earlier run of this dispatcher left marked as sending (no send of this dispatcher is
     * in progress while this method holds the lock) and other dispatchers' stale claims.
     */
    public synchronized int runOnce() {
        if (stopping) {
            return 0;
        }
        recoverAbandoned();
        int handled = 0;
        List<OutboxItem> due;
        do {
            due = outbox.due(clock.instant(), BATCH);
            for (OutboxItem item : due) {
                if (stopping || Thread.currentThread().isInterrupted()) {
                    return handled;
                }
                if (!dispatchOrDefer(item)) {
                    return handled;
                }
                handled++;
            }
        } while (due.size() == BATCH);
        return handled;
    }

    /**
     * Dispatches one entry; false ends the run: the server could not be reached (the entries behind
     * would only wait out the same timeout), or the entry failed unexpectedly and was put back with
     * a pause.
     */
    private boolean dispatchOrDefer(OutboxItem item) {
        trustCalled = false;
        try {
            return dispatch(item);
        } catch (RuntimeException e) {
            LOG.warn("an outgoing message could not be handled and is tried again later", e);
            deferAfterInternalError(item);
            return false;
        }
    }

    /**
     * Puts an entry back with a pause. Its trust decision stays unless signal-cli was asked to act
     * on it in this attempt: a decision is used up only by an attempt to apply it.
     */
    private void deferAfterInternalError(OutboxItem item) {
        OutboxEntry entry = item.entry();
        try {
            Instant next = clock.instant().plus(backoff.after(entry.attempts() + 1));
            if (item.sealedTrust().isPresent() && !trustCalled) {
                outbox.markRetryKeepingTrust(entry.id(), next, "internal-error", shown.now());
            } else {
                outbox.markRetry(entry.id(), next, "internal-error", shown.now());
            }
        } catch (RuntimeException again) {
            LOG.warn("the outbox could not be updated; the next run tries again", again);
        }
    }

    /** Handles one entry; false when the server was unreachable (so the run should end). */
    private boolean dispatch(OutboxItem item) {
        OutboxEntry entry = item.entry();
        Instant now = shown.now();
        Plan plan = planner.plan(item, clock.instant());
        if (plan instanceof Plan.Hold hold) {
            outbox.markNeedsDecision(entry.id(), hold.reason(), now);
            LOG.info("an outgoing message waits for an analyst's decision ({})", hold.reason());
        } else if (plan instanceof Plan.Fail fail) {
            outbox.markFailed(entry.id(), fail.reason(), now);
            LOG.warn("an outgoing message failed ({})", fail.reason());
        } else if (plan instanceof Plan.Send send && claim(entry, now)) {
            SendResult result = send(send);
            record(entry, result);
            return !(result instanceof SendResult.Temporary t && SERVER_DOWN.contains(t.reason()));
        } else if (plan instanceof Plan.SendSignal s && claim(entry, now)) {
            return sendSignal(entry, s);
        }
        return true;
    }

    private boolean claim(OutboxEntry entry, Instant now) {
        return outbox.markSending(entry.id(), new SendClaim(instanceId, clock.instant()), now);
    }

    /**
     * Applies the analyst's trust decision, if the entry carries one, then sends. The decision is
     * used for this attempt only (every outcome below deletes it), except when signal-cli did not
     * act on the trust call: then the entry is queued again with it. A key newer than an unverified
     * decision puts the entry back to {@code safety-number-changed-again}: the analyst decides again.
     */
    private boolean sendSignal(OutboxEntry entry, Plan.SendSignal s) {
        if (s.trust().isPresent()) {
            trustCalled = true;
            TrustResult trusted = signal.trust(s.aci(), s.trust().get());
            if (trusted instanceof TrustResult.Refused refused) {
                hold(entry, refused.reason());
                return true;
            }
            if (trusted instanceof TrustResult.KeyNewerThanDecision) {
                hold(entry, TrustHolds.SAFETY_NUMBER_CHANGED_AGAIN);
                return true;
            }
            if (trusted instanceof TrustResult.Unanswered unanswered) {
                retryOrGiveUp(entry, new SendResult.Temporary(unanswered.reason()), shown.now(), true);
                return !SERVER_DOWN.contains(unanswered.reason());
            }
            LOG.info("signal-cli trusts a source's key as an analyst decided, for outgoing message {}", entry.id());
        }
        SendResult result = signal.send(s.aci(), s.text(), s.expireSeconds());
        record(entry, result);
        return !(result instanceof SendResult.Temporary t && SERVER_DOWN.contains(t.reason()));
    }

    private void hold(OutboxEntry entry, String reason) {
        outbox.markNeedsDecision(entry.id(), reason, shown.now());
        LOG.info("an outgoing message waits for an analyst's decision ({})", reason);
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
        return transport.send(envelopeFrom, send.mail().to(), message);
    }

    private void record(OutboxEntry entry, SendResult result) {
        Instant now = shown.now();
        if (result instanceof SendResult.Sent) {
            outbox.markSent(entry.id(), now);
            LOG.debug("outgoing message {} sent", entry.id());
        } else if (result instanceof SendResult.Permanent permanent) {
            outbox.markFailed(entry.id(), permanent.reason(), now);
            LOG.warn("an outgoing message was refused for good ({})", permanent.reason());
        } else if (result instanceof SendResult.Hold hold) {
            outbox.markNeedsDecision(entry.id(), hold.reason(), now);
            LOG.info("an outgoing message waits for an analyst's decision ({})", hold.reason());
        } else if (result instanceof SendResult.Temporary temporary) {
            retryOrGiveUp(entry, temporary, now, false);
        }
    }

    /** {@code keepTrust}: the entry's trust request was not acted on, so the retry carries it (see {@link Outbox}). */
    private void retryOrGiveUp(OutboxEntry entry, SendResult.Temporary temporary, Instant now, boolean keepTrust) {
        String reason = temporary.reason();
        // effortStarted is rounded down to the granularity: count from the end of that period, so
        // the configured time is never cut short.
        Instant deadline = entry.effortStarted().plus(shown.granularity()).plus(giveUpAfter);
        if (!clock.instant().isBefore(deadline)) {
            outbox.markFailed(entry.id(), reason, now);
            LOG.warn("gave up on an outgoing message after repeated failures ({})", reason);
            return;
        }
        Duration wait = backoff.after(entry.attempts() + 1);
        if (temporary.notBefore().isPresent() && temporary.notBefore().get().compareTo(wait) > 0) {
            wait = temporary.notBefore().get();
        }
        if (keepTrust) {
            outbox.markRetryKeepingTrust(entry.id(), clock.instant().plus(wait), reason, now);
        } else {
            outbox.markRetry(entry.id(), clock.instant().plus(wait), reason, now);
        }
        LOG.info("an outgoing message will be retried in {} s ({})", wait.toSeconds(), reason);
    }
}
