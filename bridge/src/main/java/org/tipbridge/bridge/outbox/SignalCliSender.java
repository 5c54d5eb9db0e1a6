// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.Identity;
import org.tipbridge.signal.LazyConnection;
import org.tipbridge.signal.RecipientResult;
import org.tipbridge.signal.ResultType;
import org.tipbridge.signal.SendOutcome;
import org.tipbridge.signal.SignalCliClient;
import org.tipbridge.signal.SignalCliException;
import org.tipbridge.signal.SignalLimits;

/**
 * Sends replies through signal-cli's {@code send}, on a connection opened when needed. Result
 * handling: SUCCESS sent; RATE_LIMIT_FAILURE retried after the delay signal-cli gives;
 * NETWORK_FAILURE and an unreachable signal-cli retried with backoff; UNREGISTERED_FAILURE failed
 * ({@code source-gone}); IDENTITY_FAILURE (or error -4) held for an analyst's decision
 * ({@code safety-number-changed}), never trusted automatically. {@link #trust} runs only for such a
 * decision ({@code tipbridge signal trust}): signal-cli's {@code trust} with the verified safety
 * number, or with {@code trustAllKnownKeys} when no key is newer than the decision. A group send
 * (the one-time group notice) is sent when any member got it; its caller only logs the reason
 * otherwise. After {@link #close} every call answers as if signal-cli were unreachable.
 */
public final class SignalCliSender implements SignalSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalCliSender.class);
    /** signal-cli's user error: for {@code trust}, a wrong safety number or an unknown recipient. */
    private static final int USER_ERROR = -1;

    private static final int UNTRUSTED_IDENTITY = -4;
    private static final int RATE_LIMIT = -5;
    /** JSON-RPC's internal error: signal-cli failed unexpectedly, which a later attempt may not. */
    private static final int INTERNAL_ERROR = -32603;
    /** JSON-RPC protocol errors are this or lower (-32600 invalid request, -32601 method not found, ...). */
    private static final int PROTOCOL_ERRORS = -32600;

    private final LazyConnection connection;

    public SignalCliSender(Endpoint endpoint, Optional<String> account, Duration timeout) {
        this.connection = new LazyConnection(endpoint, account, timeout, SignalLimits.DEFAULT);
    }

    @Override
    public synchronized SendResult send(String aci, String text, Optional<Integer> expireSeconds) {
        return call(c -> {
            if (expireSeconds.isPresent()) {
                c.updateContactExpiration(aci, expireSeconds.get());
            }
            return result(c.send(aci, text));
        });
    }

    /** One {@code send} with the group id and no recipient; sent when at least one member got it. */
    @Override
    public synchronized SendResult sendToGroup(String groupId, String text) {
        return call(c -> {
            SendOutcome outcome = c.sendToGroup(groupId, text);
            boolean reached = outcome.results().stream().anyMatch(r -> r.type() == ResultType.SUCCESS);
            return reached ? new SendResult.Sent() : result(outcome);
        });
    }

    /** A call on signal-cli's connection. */
    private interface Call {
        SendResult run(SignalCliClient client) throws SignalCliException;
    }

    private SendResult call(Call call) {
        try {
            return call.run(connection.get());
        } catch (SignalCliException.Rpc e) {
            return rpc(e.code());
        } catch (SignalCliException e) {
            // Unreachable, timeout or garbled answer: the message may or may not have left.
            connection.drop();
            return new SendResult.Temporary("signal-cli-unreachable");
        }
    }

    /**
     * Applies an analyst's decision. A verified safety number is checked by signal-cli itself. An
     * unverified one first asks {@code listIdentities}: a key of the source first seen after the
     * decision (or whose first sighting is not given) is not trusted. A user error (-1: wrong
     * safety number, unknown recipient) refuses the decision, and so does a JSON-RPC protocol error
     * (signal-cli cannot trust at all: {@code trust-unsupported}); other errors leave it for a retry.
     */
    @Override
    public synchronized TrustResult trust(String aci, TrustDecision decision) {
        try {
            SignalCliClient c = connection.get();
            if (decision instanceof TrustDecision.VerifiedSafetyNumber verified) {
                c.trust(aci, verified.digits());
            } else {
                Instant decidedAt = ((TrustDecision.AllKnownKeys) decision).decidedAt();
                if (keyNewerThan(c.listIdentities(aci), aci, decidedAt)) {
                    LOG.info("a source's Signal key is newer than an analyst's unverified decision; not trusted");
                    return new TrustResult.KeyNewerThanDecision();
                }
                c.trustAllKnownKeys(aci);
            }
            return new TrustResult.Trusted();
        } catch (SignalCliException.Rpc e) {
            return trustError(e.code(), decision);
        } catch (SignalCliException e) {
            connection.drop();
            return new TrustResult.Unanswered("signal-cli-unreachable");
        }
    }

    /**
     * Whether any key signal-cli knows for {@code aci} was first seen after {@code decidedAt}, or at
     * an unknown time.
     */
    static boolean keyNewerThan(List<Identity> identities, String aci, Instant decidedAt) {
        return identities.stream()
                .filter(i -> i.uuid().isEmpty() || i.uuid().get().equalsIgnoreCase(aci))
                .anyMatch(
                        i -> i.addedTimestamp().isEmpty() || i.addedTimestamp().getAsLong() > decidedAt.toEpochMilli());
    }

    private static TrustResult trustError(int code, TrustDecision decision) {
        if (code == USER_ERROR) {
            LOG.warn("signal-cli refused an analyst's trust decision (error {})", code);
            return new TrustResult.Refused(decision.refusedReason());
        }
        if (code <= PROTOCOL_ERRORS && code != INTERNAL_ERROR) {
            LOG.warn("signal-cli cannot apply a trust decision (error {}); it may be too old", code);
            return new TrustResult.Refused(TrustHolds.TRUST_UNSUPPORTED);
        }
        LOG.warn("signal-cli could not act on an analyst's trust decision (error {}); it is tried again", code);
        return new TrustResult.Unanswered("signal-error-" + Math.abs(code));
    }

    private static SendResult result(SendOutcome outcome) {
        RecipientResult r =
                outcome.results().isEmpty() ? null : outcome.results().get(0);
        if (r == null) {
            return new SendResult.Temporary("signal-no-result");
        }
        return switch (r.type()) {
            case SUCCESS -> new SendResult.Sent();
            case RATE_LIMIT_FAILURE ->
                new SendResult.Temporary(
                        "signal-rate-limit",
                        r.retryAfterSeconds().isPresent()
                                ? Optional.of(
                                        Duration.ofSeconds(r.retryAfterSeconds().getAsLong()))
                                : Optional.empty());
            case NETWORK_FAILURE -> new SendResult.Temporary("signal-network");
            case UNREGISTERED_FAILURE -> new SendResult.Permanent("source-gone");
            case IDENTITY_FAILURE -> new SendResult.Hold(TrustHolds.SAFETY_NUMBER_CHANGED);
            case INVALID_PRE_KEY_FAILURE -> new SendResult.Temporary("signal-pre-key");
            case UNKNOWN -> new SendResult.Temporary("signal-unknown-result");
        };
    }

    private static SendResult rpc(int code) {
        if (code == UNTRUSTED_IDENTITY) {
            return new SendResult.Hold(TrustHolds.SAFETY_NUMBER_CHANGED);
        }
        if (code == RATE_LIMIT) {
            return new SendResult.Temporary("signal-rate-limit");
        }
        LOG.warn("signal-cli refused a send (error {})", code);
        return new SendResult.Temporary("signal-error-" + Math.abs(code));
    }

    /**
     * Closes the connection to signal-cli, ending a call in progress (it returns as unreachable);
     * every later call returns what an unreachable signal-cli gives ({@code signal-cli-unreachable})
     * without connecting again. Safe from any thread, more than once.
     */
    @Override
    public void close() {
        connection.close();
    }
}
