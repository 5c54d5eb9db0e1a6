// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replies and acknowledgements waiting to leave, and what became of them. Every method is one
 * transaction, durable when it returns. {@code now} arguments are the coarse times shown to people
 * (callers coarsen them like receive times); only retry times are exact. State changes are conditional: a transition from a state
 * the entry is no longer in does nothing and returns false, so a cancel and a send never both win.
 *
 * <pre>
 * queued -> sending -> sent | queued (retry) | failed | needs-decision
 * queued -> failed | needs-decision | queued    (decided before any attempt; deferred)
 * queued | needs-decision | failed -> cancelled (analyst)
 * needs-decision | failed -> queued             (analyst: retry, a new delivery effort)
 * needs-decision -> queued                      (analyst: signal trust, with a sealed trust request)
 * sending -> queued                             (recovery: a send that may not have happened)
 * </pre>
 *
 * An entry in {@code sending} carries its {@link SendClaim} (who claimed it, when); every transition
 * out of {@code sending} clears it, and no other state has one.
 *
 * A trust request is used for one attempt: every transition out of {@code sending} deletes it,
 * except {@link #markRetryKeepingTrust} (the decision was not acted on) and recovery.
 */
public interface Outbox {
    /** The claimant of {@link #markSending(long, Instant)}, which no dispatcher uses as its id. */
    String UNCLAIMED = "unnamed";

    /** Queues a reply, due at once; returns its id. The handle must have a mapping (callers check). */
    long queueReply(NewReply reply);

    /** How many entries are in each status (statuses with none are absent). */
    java.util.Map<OutboxStatus, Integer> countByStatus();

    /** Up to {@code limit} entries, newest first. */
    List<OutboxEntry> list(int limit);

    Optional<OutboxEntry> get(long id);

    /** Entries of one handle with the copies sealed to the analysts, oldest first. */
    List<OutboxItem> conversation(String handle);

    /** Queued entries due at {@code now}, oldest first, with the copy sealed to the bridge key. */
    List<OutboxItem> due(Instant now, int limit);

    /** queued -> sending, counting an attempt, recording {@code claim}. */
    boolean markSending(long id, SendClaim claim, Instant now);

    /** queued -> sending for a caller that is no dispatcher (tools, tests): claimed by nobody, at {@code now}. */
    default boolean markSending(long id, Instant now) {
        return markSending(id, new SendClaim(UNCLAIMED, now), now);
    }

    /** sending -> sent; the copy sealed to the bridge key is deleted. */
    boolean markSent(long id, Instant now);

    /** queued | sending -> queued, due again at {@code nextAttempt}, with the reason of this failure. */
    boolean markRetry(long id, Instant nextAttempt, String reason, Instant now);

    /**
     * queued | sending -> queued, due again at {@code nextAttempt}, keeping the trust request: the
     * analyst's decision has not been acted on yet (signal-cli did not act on the trust call, or the
     * attempt failed internally before the call).
     */
    boolean markRetryKeepingTrust(long id, Instant nextAttempt, String reason, Instant now);

    /** queued | sending -> failed, with the reason. */
    boolean markFailed(long id, String reason, Instant now);

    /** queued | sending -> needs-decision, with the reason. */
    boolean markNeedsDecision(long id, String reason, Instant now);

    /** queued | needs-decision | failed -> cancelled; the copy sealed to the bridge key is deleted. */
    boolean cancel(long id, Instant now);

    /**
     * needs-decision | failed -> queued, due at once, as a new delivery effort (attempts, backoff and
     * give-up time start again); {@code allowPlaintext} true also allows sending unencrypted.
     */
    boolean retry(long id, boolean allowPlaintext, Instant now);

    /**
     * Every Signal entry of {@code handle} held for a trust decision ({@code needs-decision} with a
     * {@link TrustHolds} reason) -> queued, due at once, as a new delivery effort, carrying {@code
     * sealedTrust} (the decision sealed to the bridge key); one conditional UPDATE, so a concurrent
     * cancel or send either wins before it or finds the entry queued. Returns how many moved.
     */
    int releaseForTrust(String handle, byte[] sealedTrust, Instant now);

    /**
     * Every sending entry back to queued (those sends may not have happened); returns how many. Only
     * the sole dispatcher of the store may call it (SQLite, whose daemon holds the instance lock), at
     * start, before its first send: any other dispatcher's send in progress would be made twice.
     */
    int recoverInterrupted(Instant now);

    /**
     * The sending entries nobody may still be sending back to queued: those claimed by {@code
     * claimant} (the caller's own leftovers: it has no send in progress when it calls this), those
     * claimed before {@code staleBefore} (exact; longer ago than any send can take), and those
     * without a claim (left by a version before claims). Returns how many.
     */
    int recoverAbandoned(String claimant, Instant staleBefore, Instant now);
}
