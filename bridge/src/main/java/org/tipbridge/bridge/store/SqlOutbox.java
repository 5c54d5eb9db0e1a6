// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.tipbridge.bridge.store.OutboxStatus.CANCELLED;
import static org.tipbridge.bridge.store.OutboxStatus.FAILED;
import static org.tipbridge.bridge.store.OutboxStatus.NEEDS_DECISION;
import static org.tipbridge.bridge.store.OutboxStatus.QUEUED;
import static org.tipbridge.bridge.store.OutboxStatus.SENDING;
import static org.tipbridge.bridge.store.OutboxStatus.SENT;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.OutboxSql.Assignment;

/** The outbox of a JDBC database, sharing the record store's connection and transactions. */
final class SqlOutbox implements Outbox {
    private static final Assignment DROP_BRIDGE_COPY = Assignment.of("sealed_for_bridge = NULL");
    /** Exact times exist only while an entry waits for a retry. */
    private static final Assignment NO_NEXT_ATTEMPT = Assignment.of("next_attempt = 0");
    /** A trust request serves one attempt: every way out of sending but two drops it. */
    private static final Assignment DROP_TRUST = Assignment.of("trust_sealed = NULL");

    private final Transactor tx;

    SqlOutbox(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public long queueReply(NewReply reply) {
        return tx.run("queue a reply", c -> OutboxSql.insertReply(c, reply));
    }

    @Override
    public java.util.Map<OutboxStatus, Integer> countByStatus() {
        return tx.run("count the outbox", OutboxSql::countByStatus);
    }

    @Override
    public List<OutboxEntry> list(int limit) {
        return tx.run("list the outbox", c -> OutboxSql.list(c, limit));
    }

    @Override
    public Optional<OutboxEntry> get(long id) {
        return tx.run("read an outbox entry", c -> OutboxSql.get(c, id));
    }

    @Override
    public List<OutboxItem> conversation(String handle) {
        return tx.run("read a conversation's replies", c -> OutboxSql.conversation(c, handle));
    }

    @Override
    public List<OutboxItem> due(Instant now, int limit) {
        return tx.run("find due replies", c -> OutboxSql.due(c, now, limit));
    }

    @Override
    public boolean markSending(long id, SendClaim claim, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED),
                SENDING,
                now,
                Assignment.of("attempts = attempts + 1"),
                NO_NEXT_ATTEMPT,
                Assignment.of("claimed_by = ?", claim.claimant()),
                Assignment.of("claimed_at = ?", claim.at().getEpochSecond()));
    }

    @Override
    public boolean markSent(long id, Instant now) {
        return move(
                id,
                EnumSet.of(SENDING),
                SENT,
                now,
                DROP_BRIDGE_COPY,
                DROP_TRUST,
                NO_NEXT_ATTEMPT,
                Assignment.of("last_error = NULL"));
    }

    @Override
    public boolean markRetry(long id, Instant nextAttempt, String reason, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED, SENDING),
                QUEUED,
                now,
                DROP_TRUST,
                Assignment.of("last_error = ?", reason),
                Assignment.of("next_attempt = ?", nextAttempt.getEpochSecond()));
    }

    @Override
    public boolean markRetryKeepingTrust(long id, Instant nextAttempt, String reason, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED, SENDING),
                QUEUED,
                now,
                Assignment.of("last_error = ?", reason),
                Assignment.of("next_attempt = ?", nextAttempt.getEpochSecond()));
    }

    @Override
    public boolean markFailed(long id, String reason, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED, SENDING),
                FAILED,
                now,
                DROP_TRUST,
                NO_NEXT_ATTEMPT,
                Assignment.of("last_error = ?", reason));
    }

    @Override
    public boolean markNeedsDecision(long id, String reason, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED, SENDING),
                NEEDS_DECISION,
                now,
                DROP_TRUST,
                NO_NEXT_ATTEMPT,
                Assignment.of("last_error = ?", reason));
    }

    @Override
    public boolean cancel(long id, Instant now) {
        return move(
                id,
                EnumSet.of(QUEUED, NEEDS_DECISION, FAILED),
                CANCELLED,
                now,
                DROP_BRIDGE_COPY,
                DROP_TRUST,
                NO_NEXT_ATTEMPT);
    }

    @Override
    public boolean retry(long id, boolean allowPlaintext, Instant now) {
        // A new delivery effort: attempts, backoff and the give-up time start again.
        Assignment[] fresh = {
            NO_NEXT_ATTEMPT,
            DROP_TRUST,
            Assignment.of("attempts = 0"),
            Assignment.of("effort_started = ?", OutboxSql.coarse(now)),
            Assignment.of(allowPlaintext ? "allow_plaintext = 1" : "allow_plaintext = allow_plaintext")
        };
        return move(id, EnumSet.of(NEEDS_DECISION, FAILED), QUEUED, now, fresh);
    }

    @Override
    public int releaseForTrust(String handle, byte[] sealedTrust, Instant now) {
        return tx.run(
                "release entries held for a trust decision",
                c -> OutboxSql.releaseForTrust(c, handle, TrustHolds.ALL, sealedTrust, now));
    }

    @Override
    public int recoverInterrupted(Instant now) {
        return tx.run("recover interrupted sends", c -> OutboxSql.requeueAllSending(c, now));
    }

    @Override
    public int recoverAbandoned(String claimant, Instant staleBefore, Instant now) {
        return tx.run("recover abandoned sends", c -> OutboxSql.requeueAbandoned(c, claimant, staleBefore, now));
    }

    private boolean move(long id, EnumSet<OutboxStatus> from, OutboxStatus to, Instant now, Assignment... set) {
        return tx.run("update an outbox entry", c -> OutboxSql.transition(c, id, from, to, now, set));
    }
}
